"""The windows and dialogs a user opens: the drafting window (`mainwindow`), the meeting view
(`meetingwindow`), Settings ▸ Organisations (`organizations`), Help ▸ About (`about`), the
meeting's build dialog and the windows' askers. Windows are made of `ui.widgets`, drive
`ui.controllers` and use `ui.services`; nothing below imports a window."""
