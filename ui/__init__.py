"""The desktop program (PySide6). `ui.app` starts it; the rest lives in four rooms, each
importing only from the rooms below it:

- `ui.windows`: the top-level windows and dialogs (drafting window, meeting view, …).
- `ui.controllers`: what a window drives in the background (preview, checks, exports, printing).
- `ui.widgets`: the editors and panes a window is made of (forms, rich text, preview pane, …).
- `ui.services`: no widget of their own (settings, the document session, recovery, workers, …).
"""
