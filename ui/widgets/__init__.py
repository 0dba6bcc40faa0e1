"""The editors and panes the windows are made of: the form engine (`form`) and the item form
(`item_form`), records tables (`records`), binding fields to the draft (`binding`), the rich-text
editor (`richtext_edit`) with its QTextDocument ↔ blocks converter (`richtext_convert`), the
preview pane (`preview`), the checks panel (`checks_panel`), the changes view (`changes_view`)
and the spelling highlighter (`spellcheck`). They use `ui.services` only."""
