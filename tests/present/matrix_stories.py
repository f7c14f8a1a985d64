"""Invented stories for the positions matrix tests (shared by the model,
CLI and browser tests): shaped like real contested stories, entirely
fictional."""

from __future__ import annotations

from pathlib import Path

from tui.story.load import load_story
from tui.story.model import Story

# Two governments trade accusations over three incidents; one denies, then
# admits; a third government supports a claim, then withdraws its support
# (its only statement); a wire service claims once; an armed group answers
# nothing; story text that looks like markup and a pipe in a title.
BORDER = """\
storybrowse: 2
story:
  headline: Vesna and Korlan trade blame for the crossing attacks
  outlet: The Invented Courier
  published: 2033-05-20
sources:
  - id: courier
    name: The Invented Courier
actors:
  - id: wire
    name: Invented Wire Service
    kind: media
  - id: vesna
    name: Government of Vesna
    kind: government
    aliases: [Vesnograd]
  - id: korlan
    name: Government of Korlan
    kind: government
  - id: ostra
    name: Government of Ostra
    kind: government
  - id: front
    name: Crossing Liberation Front
    kind: armed-group
incidents:
  - id: crossing-shelled
    title: Shelling at the Vesna crossing
    date: 2033-05-01
    claims:
      - id: korlan-claim
        by: korlan
        text: Korlan said the shells came from Vesna's side.
        date: 2033-05-01
        source: courier
    responses:
      - by: vesna
        stance: denied
        text: Vesna denied firing.
        date: 2033-05-02
        source: courier
      - by: vesna
        stance: confirmed
        text: Vesna admitted a mortar crew fired by mistake.
        date: 2033-05-09
        source: courier
      - by: ostra
        stance: supported
        text: Ostra said its monitors saw launches from Vesna.
        date: 2033-05-03
        withdrawn: 2033-05-06
        source: courier
  - id: bridge-fire
    title: "Fire on the [red]Korlan[/] bridge | east span"
    date: 2033-05-04
    claims:
      - id: vesna-claim
        by: vesna
        text: Vesna said the fire was set from Korlan.
        date: 2033-05-04
        source: courier
      - id: wire-claim
        by: wire
        text: The wire service reported a short circuit.
        date: 2033-05-05
        source: courier
    responses:
      - by: korlan
        stance: denied
        responds_to: vesna-claim
        text: Korlan denied any role.
        date: 2033-05-05
        source: courier
      - by: korlan
        stance: investigating
        responds_to: wire-claim
        text: Korlan said it was looking into the wiring.
        date: 2033-05-07
        source: courier
  - id: drone-sighting
    title: Drone over the Korlan dam
    date: 2033-05-12
    claims:
      - by: korlan
        text: Korlan said a Vesna drone flew over the dam.
        date: 2033-05-12
        source: courier
    responses:
      - by: vesna
        stance: declined-to-comment
        text: Vesna would not comment.
        date: 2033-05-13
        source: courier
"""


def write(tmp_path: Path, text: str = BORDER, name: str = "border.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def border_story(tmp_path: Path) -> Story:
    return load_story(write(tmp_path))
