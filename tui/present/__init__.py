"""The presentation layer: what storybrowse says about a story, and how it
is laid out, independent of where it is shown.

- :mod:`~tui.present.describe`: words (counts, stances, list rows);
- :mod:`~tui.present.attribution`: who said a quote and how it reached us;
- :mod:`~tui.present.view` and :mod:`~tui.present.blocks`: the view model of
  a record (which sections, in what order, with what labels);
- :mod:`~tui.present.layout`: that view laid out in lines of terminal cells,
  with the position of every link (``show`` and the detail pane);
- :mod:`~tui.present.text`, :mod:`~tui.present.markdown`: ``show``'s output;
- :mod:`~tui.present.search`: full-text search over what a reader sees.

Imports the core (:mod:`tui.story`), never textual.
"""
