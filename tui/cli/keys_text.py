"""The keys part of ``storybrowse --help``, generated from the bindings by
``python -m tui.cli.keys --write`` (do not edit; tests/test_keys_doc.py
checks it is current)."""

KEYS_HELP = """\
keys anywhere:
  q ctrl+c   Quit
  ctrl+z     Suspend: back to the shell (fg returns here)
  ?          Help: this list of keys
  ctrl+p     Jump to the overview or any incident, actor, quote or source by
             name
  enter      In a list: open the selected row in the detail (or click it twice)
  tab        Next pane
  shift+tab  Previous pane
  1          Timeline
  2          Actors
  3          Quotes
  4          Sources
  0          The story's overview: headline, outlet, summary, counts, its
             sources
  /          Search
  n          Next match
  N          Previous match
  [          The story as of the previous date a statement was made or withdrawn
  ]          As of the next date a statement was made or withdrawn (at the end:
             all)
  escape     Back: to the record a link came from; from the detail to its list;
             else clear the filter; else the whole story (after [ or ]); else
             the search
  z          Room to read: the detail at full height, the lists hidden (z or
             esc: back)
  y          Copy the id of the record on screen to the clipboard (OSC 52)
  Y          Copy the record on screen as Markdown, as `show ID --format
             markdown` prints it
  e          Edit the story file in $VISUAL or $EDITOR at the record's line; the
             browser reloads it when the editor exits
  m          Positions matrix: every incident × every actor's latest stance
  x          Hide the panel listing the story file's errors after --watch or e
             (a later save with errors shows it again; a good save removes it)

keys in a list (timeline, actors, quotes, sources):
  down j     Next row
  up k       Previous row
  g home     First row
  G end      Last row
  pgdn       Page down
  pgup       Page up

keys in the actors list:
  f          Filter the timeline and quotes to what involves this actor

keys in the detail:
  down j     Next link
  up k       Previous link
  enter      Open link
  f          Filter by actor
  pgup       Page up
  pgdn       Page down
  home g     Top
  end G      Bottom

keys in the search bar:
  enter      Keep the search and go to the list (then n/N: next/previous match)
  escape     Cancel the search
  ctrl+c     Cancel

keys in the positions matrix (m):
  escape     Back
  [          The matrix as of the previous date a statement was made or
             withdrawn
  ]          The matrix as of the next date (after the last: the whole story)
  ?          Help
  down j     Down
  up k       Up
  right l    Right
  left h     Left
  pgdn       Page down
  pgup       Page up
  home g     First incident
  end G      Last incident
  0          First actor
  $          Last actor
  enter      Open

binding ids, for [keymap] in the config file:
  quit, quit.ctrl_c, suspend, help, palette, list.open, pane.next,
  pane.previous, pane.timeline, pane.actors, pane.quotes, pane.sources,
  story.overview, search.start, search.next, search.previous, as_of.earlier,
  as_of.later, back, detail.zoom, copy.id, copy.view, edit,
  matrix.open_screen, problems.dismiss, list.down, list.up, list.first,
  list.last, list.page_down, list.page_up, actors.filter, detail.next_link,
  detail.prev_link, detail.open_link, detail.filter_actor, detail.page_up,
  detail.page_down, detail.top, detail.bottom, search.keep, search.cancel,
  search.cancel_ctrl_c, matrix.back, matrix.as_of_earlier, matrix.as_of_later,
  matrix.help, matrix.down, matrix.up, matrix.right, matrix.left,
  matrix.page_down, matrix.page_up, matrix.first, matrix.last,
  matrix.first_actor, matrix.last_actor, matrix.open, help.close, help.down,
  help.up, help.page_down, help.page_up, help.top, help.bottom
"""
