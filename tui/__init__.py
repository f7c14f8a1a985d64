"""storybrowse: a keyboard-driven terminal browser for a contested news story."""

__version__ = "0.1.0"
