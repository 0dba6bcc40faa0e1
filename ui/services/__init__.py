"""The interface's services, with no window or widget of their own: the document session both
windows share (`session`, `document`), recovery copies (`recovery`) and the crash handler
(`crash`), settings, folders, screens, shortcuts, translation, background workers (`worker`),
the single running instance (`single`), the people directory (`people`) and every question the
program asks (`dialogs`). They import no window, controller or widget."""
