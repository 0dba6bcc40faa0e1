"""What a window drives without owning a widget of it: the preview runs (`preview_controller`),
the checks and spelling (`checks_controller`), exports (`exports`), printing (`printing`) and
the meeting's builds (`building`). They use `ui.widgets` and `ui.services`, never a window."""
