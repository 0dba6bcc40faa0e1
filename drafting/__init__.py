"""Pykälä's core: the draft model, its file format, checks, rich text and rendering.

Nothing here knows about a screen: everything the GUI does can be done from the command line.
"""

__version__ = "0.9.0"  # the one version: About, `main.py --version`, the bundle's name
