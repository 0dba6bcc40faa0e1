"""Pykälä's core: the draft model, its file format, checks, rich text and rendering.

Nothing here knows about a screen: everything the GUI does can be done from the command line.
"""
