"""The core: story model, loader, dates and sanitising.  Never imports textual."""
