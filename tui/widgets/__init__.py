"""Panes and views of the browser, one module each."""
