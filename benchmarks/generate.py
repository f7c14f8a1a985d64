"""Generate a valid story file with N incidents, for benchmarks and tests.

    python -m benchmarks.generate N OUT.yaml [--seed S]

The story is deterministic for a given N and seed.  Alongside the N
incidents it has proportionate records: about N/10 actors (at least 5) of
several kinds, about N quotes, 1 to 3 responses per incident with varied
stances, about N/50 context events, and a few sources.  Text lengths are
those of real reporting: titles of about 50 characters, claims of about 200,
responses of about 150.  Dates are mostly full days, with some uncertain
years, month-only dates and dates whose year is not given, so the timeline
sorts the way a real story does.

Each claim starts with a reference such as ``(ref. 00042)`` so a benchmark
can tell from the screen which incident the detail view shows.

The YAML is written as text directly (no ``yaml.dump``), so 10,000 incidents
take well under a second.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

STANCE_WEIGHTS = (
    ("denied", 40),
    ("investigating", 20),
    ("disputed", 15),
    ("declined-to-comment", 15),
    ("confirmed", 10),
)
STANCE_VERBS = {
    "denied": ("denied", "rejected", "dismissed"),
    "investigating": ("said it was investigating", "said it was probing", "is looking into"),
    "disputed": ("disputed", "questioned", "contested"),
    "declined-to-comment": ("declined to comment on", "would not comment on"),
    "confirmed": ("confirmed", "acknowledged"),
}

COUNTRIES = (
    "Afghanistan",
    "Tajikistan",
    "Uzbekistan",
    "Turkmenistan",
    "Pakistan",
    "Iran",
    "Kyrgyzstan",
    "Kazakhstan",
    "China",
    "India",
    "Russia",
    "Turkey",
    "Georgia",
    "Armenia",
    "Azerbaijan",
    "Iraq",
    "Syria",
    "Jordan",
    "Lebanon",
    "Yemen",
    "Oman",
    "Qatar",
    "Mongolia",
    "Nepal",
    "Bangladesh",
    "Sri Lanka",
    "Myanmar",
    "Ukraine",
    "Moldova",
    "Belarus",
)
CAPITALS = (
    "Kabul",
    "Dushanbe",
    "Tashkent",
    "Ashgabat",
    "Islamabad",
    "Tehran",
    "Bishkek",
    "Astana",
    "Beijing",
    "New Delhi",
    "Moscow",
    "Ankara",
    "Tbilisi",
    "Yerevan",
    "Baku",
    "Baghdad",
    "Damascus",
    "Amman",
    "Beirut",
    "Sanaa",
    "Muscat",
    "Doha",
    "Ulaanbaatar",
    "Kathmandu",
    "Dhaka",
    "Colombo",
    "Naypyidaw",
    "Kyiv",
    "Chisinau",
    "Minsk",
)
PLACES = (
    ("Termez", "Surxondaryo"),
    ("Khwaja Ghar", "Takhar"),
    ("Hairatan", "Balkh"),
    ("Kunduz", "Kunduz"),
    ("Shir Khan Bandar", "Kunduz"),
    ("Panj", "Khatlon"),
    ("Kulob", "Khatlon"),
    ("Khorog", "Gorno-Badakhshan"),
    ("Ishkashim", "Badakhshan"),
    ("Faizabad", "Badakhshan"),
    ("Mazar-i-Sharif", "Balkh"),
    ("Jalalabad", "Nangarhar"),
    ("Torkham", "Nangarhar"),
    ("Spin Boldak", "Kandahar"),
    ("Chaman", "Balochistan"),
    ("Herat", "Herat"),
    ("Islam Qala", "Herat"),
    ("Zaranj", "Nimruz"),
    ("Aqina", "Faryab"),
    ("Andkhoy", "Faryab"),
    ("Sheberghan", "Jowzjan"),
    ("Pul-i-Khumri", "Baghlan"),
    ("Taloqan", "Takhar"),
    ("Rustaq", "Takhar"),
)
INCIDENT_KINDS = (
    ("rocket attack", "Claimed rocket attack on"),
    ("rocket fire", "Claimed rocket fire into"),
    ("shelling", "Reported shelling near"),
    ("drone strike", "Alleged drone strike outside"),
    ("border clash", "Border clash reported at"),
    ("bombing", "Claimed bombing of a checkpoint in"),
    ("ambush", "Ambush on a patrol claimed near"),
    ("cross-border raid", "Alleged cross-border raid on"),
)
ARMED = (
    "Islamic State-Khorasan",
    "Jamaat Ansarullah",
    "Tehreek-e-Taliban",
    "Lashkar Brigade",
    "Khatiba Imam Bukhari",
    "Jundallah",
    "Eastern Turkestan Movement",
    "Balochistan Front",
)
POLITICAL = (
    "Taliban",
    "National Resistance Front",
    "Hezb-e-Islami",
    "Jamiat Council",
    "People's Democratic Bloc",
    "Freedom Party",
    "Union for Reform",
    "Green Movement",
)
ORGS = (
    "United Nations Assistance Mission",
    "International Crisis Group",
    "Human Rights Watch",
    "Amnesty International",
    "Program on Extremism",
    "Jamestown Foundation",
    "Red Crescent Society",
    "Stimson Center",
    "Brookings Institution",
    "RUSI",
)
MEDIA = (
    "RFE/RL",
    "Asia-Plus",
    "Tolo News",
    "Kun.uz",
    "Eurasianet",
    "Ariana News",
    "Dawn",
    "Al Jazeera",
    "BBC Persian",
    "Reuters",
    "AFP",
    "Associated Press",
)
FIRST = (
    "Andrew",
    "Farida",
    "Rustam",
    "Malika",
    "Hamid",
    "Zarina",
    "Omid",
    "Shabnam",
    "Daniel",
    "Sara",
    "Bakhtiyor",
    "Nilufar",
    "Javed",
    "Laila",
    "Timur",
    "Anna",
    "Ahmad",
    "Gulnara",
    "Karim",
    "Parisa",
    "Michael",
    "Dilnoza",
    "Yusuf",
    "Mariam",
)
LAST = (
    "Mines",
    "Rahimi",
    "Karimov",
    "Sharipova",
    "Nazari",
    "Yusupova",
    "Ahmadzai",
    "Haidari",
    "Byman",
    "Tursunova",
    "Azimov",
    "Qaderi",
    "Khan",
    "Saidova",
    "Ismoilov",
    "Webber",
    "Popal",
    "Aliyeva",
    "Stanekzai",
    "Davletova",
    "Clarke",
)
ROLES = (
    "research fellow",
    "senior analyst",
    "spokesman",
    "deputy minister",
    "professor",
    "correspondent",
    "former diplomat",
    "director",
    "security adviser",
    "researcher",
)
REPORT_VERBS = ("said", "told", "says", "argued", "wrote", "warned")

_CORPUS = (
    "the group said its fighters had fired several rockets at military positions across "
    "the border from the neighbouring province and that the strike had caused casualties "
    "among security forces and damage to a fuel depot near the river crossing while "
    "officials on both sides gave no figures and local residents told reporters they "
    "heard explosions late at night before the area was sealed off by troops who "
    "searched nearby villages for launchers and questioned farmers about vehicles seen "
    "on the road in the days before the attack according to statements published on "
    "channels linked to the militants and later relayed by regional news agencies"
)
WORDS = tuple(_CORPUS.split(" "))


@dataclass(frozen=True)
class GeneratedCounts:
    incidents: int
    actors: int
    quotes: int
    responses: int
    context: int
    sources: int


def _q(text: str) -> str:
    """A YAML double-quoted scalar for *text* (plain printable text)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _block(text: str, indent: str, width: int = 76) -> list[str]:
    """``>-`` folded block lines for *text* (single spaces between words)."""
    lines: list[str] = []
    cur: list[str] = []
    size = len(indent)
    for word in text.split(" "):
        if cur and size + 1 + len(word) > width:
            lines.append(indent + " ".join(cur))
            cur, size = [], len(indent)
        cur.append(word)
        size += len(word) + (1 if len(cur) > 1 else 0)
    if cur:
        lines.append(indent + " ".join(cur))
    return lines


class _Gen:
    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.rnd = random.Random(seed * 1_000_003 + n)
        self.out: list[str] = []
        self.ids: set[str] = set()

    def new_id(self, base: str) -> str:
        slug = "".join(c if c.isalnum() else "-" for c in base.lower()).strip("-")
        while "--" in slug:
            slug = slug.replace("--", "-")
        if not slug or not slug[0].isalpha():
            slug = "x-" + slug
        cand = slug
        k = 2
        while cand in self.ids:
            cand = f"{slug}-{k}"
            k += 1
        self.ids.add(cand)
        return cand

    def sentence(self, length: int, start: str = "") -> str:
        """Words from the corpus until the text is about *length* chars."""
        rnd = self.rnd
        i = rnd.randrange(len(WORDS))
        parts = [start] if start else []
        size = len(start)
        while size < length:
            w = WORDS[i % len(WORDS)]
            parts.append(w)
            size += len(w) + 1
            i += 1 + (rnd.random() < 0.2)
        text = " ".join(parts)
        return text[0].upper() + text[1:] + "."


def generate(n: int, seed: int = 1) -> tuple[str, GeneratedCounts]:
    """Return the YAML text of a story with *n* incidents, and its counts."""
    if n < 0:
        raise ValueError("the number of incidents must be >= 0")
    g = _Gen(n, seed)
    rnd = g.rnd
    out = g.out
    n_actors = max(5, n // 10)
    n_context = max(1, round(n / 50))
    n_quotes = n
    n_sources = max(3, min(50, n // 100))

    out.append("# Generated by benchmarks/generate.py: synthetic data, not a real story.")
    out.append("storybrowse: 1")
    out.append("")
    out.append("story:")
    out.append(f"  headline: {_q(f'Synthetic story with {n} incidents (seed {seed})')}")
    out.append("  outlet: Benchmark Desk")
    out.append('  published: "2024-10-01"')
    out.append("  summary: >-")
    out.extend(_block(g.sentence(300), "    "))
    out.append("")

    # -- sources -------------------------------------------------------
    out.append("sources:")
    source_ids: list[str] = []
    for i in range(n_sources):
        outlet = MEDIA[i % len(MEDIA)]
        sid = g.new_id(f"src-{outlet}-{i + 1}")
        source_ids.append(sid)
        out.append(f"  - id: {sid}")
        out.append(f"    name: {_q(f'{outlet} report no. {i + 1}')}")
        out.append(f"    outlet: {_q(outlet)}")
        day = dt.date(2019, 1, 1) + dt.timedelta(days=rnd.randrange(2000))
        out.append(f'    published: "{day.isoformat()}"')
    out.append("")

    # -- actors ----------------------------------------------------------
    # Kinds in fixed proportions; the first few slots guarantee at least one
    # government, armed group, political group, media outlet and analyst.
    plan = ["government", "armed-group", "political-group", "media", "analyst"]
    mix = (
        ["government"] * 15
        + ["armed-group"] * 10
        + ["political-group"] * 10
        + ["organisation"] * 15
        + ["media"] * 10
        + ["analyst"] * 25
        + ["person"] * 15
    )
    while len(plan) < n_actors:
        plan.append(mix[rnd.randrange(len(mix))])
    by_kind: dict[str, list[str]] = {}
    out.append("actors:")
    counters: dict[str, int] = {}
    org_ids: list[str] = []
    for kind in plan:
        k = counters.get(kind, 0)
        counters[kind] = k + 1
        aliases: list[str] = []
        role = None
        affiliation = None
        if kind == "government":
            c = k % len(COUNTRIES)
            name = COUNTRIES[c] + ("" if k < len(COUNTRIES) else f" (region {k // len(COUNTRIES)})")
            aliases = [CAPITALS[c]]
            aid = g.new_id("gov-" + COUNTRIES[c])
        elif kind == "armed-group":
            name = ARMED[k % len(ARMED)] + ("" if k < len(ARMED) else f" faction {k}")
            aid = g.new_id(name)
        elif kind == "political-group":
            name = POLITICAL[k % len(POLITICAL)] + ("" if k < len(POLITICAL) else f" wing {k}")
            aid = g.new_id(name)
        elif kind == "organisation":
            name = ORGS[k % len(ORGS)] + ("" if k < len(ORGS) else f" office {k}")
            aid = g.new_id(name)
            org_ids.append(aid)
        elif kind == "media":
            name = MEDIA[k % len(MEDIA)] + ("" if k < len(MEDIA) else f" bureau {k}")
            aid = g.new_id(name)
        else:
            name = f"{FIRST[rnd.randrange(len(FIRST))]} {LAST[rnd.randrange(len(LAST))]}"
            aid = g.new_id(name)
            role = ROLES[rnd.randrange(len(ROLES))]
            if org_ids and rnd.random() < 0.6:
                affiliation = org_ids[rnd.randrange(len(org_ids))]
        by_kind.setdefault(kind, []).append(aid)
        out.append(f"  - id: {aid}")
        out.append(f"    name: {_q(name)}")
        out.append(f"    kind: {kind}")
        if aliases:
            out.append(f"    aliases: [{', '.join(_q(a) for a in aliases)}]")
        if role:
            out.append(f"    role: {_q(role)}")
        if affiliation:
            out.append(f"    affiliation: {affiliation}")
        if kind in ("government", "armed-group", "political-group") or rnd.random() < 0.3:
            out.append("    description: >-")
            out.extend(_block(g.sentence(120), "      "))
    out.append("")

    claimants = by_kind["armed-group"] + by_kind["political-group"]
    responders = by_kind["government"] + by_kind["political-group"]
    speakers = by_kind["analyst"] + by_kind.get("person", []) + by_kind["government"]
    media = by_kind["media"]

    # -- incidents -------------------------------------------------------
    # Spread over about six years in file order, so most of the file is
    # already in timeline order, as a real story tends to be.
    start = dt.date(2019, 1, 1)
    span_days = 6 * 365
    incident_ids: list[str] = []
    n_responses = 0
    stances = [s for s, w in STANCE_WEIGHTS for _ in range(w)]
    out.append("incidents:" if n else "incidents: []")
    for i in range(n):
        day = start + dt.timedelta(days=(i * span_days) // max(1, n) + rnd.randrange(3))
        kind, lead = INCIDENT_KINDS[rnd.randrange(len(INCIDENT_KINDS))]
        place, region = PLACES[rnd.randrange(len(PLACES))]
        iid = g.new_id(f"inc-{i + 1:05d}-{place}")
        incident_ids.append(iid)
        title = f"{lead} {place}, {region}"
        if len(title) < 44:
            title += f" ({kind})"
        out.append(f"  - id: {iid}")
        out.append(f"    title: {_q(title)}")
        roll = rnd.random()
        if roll < 0.10:
            date = f"{day.year}?-{day.month:02d}-{day.day:02d}"
        elif roll < 0.15:
            date = f"{day.year}-{day.month:02d}"
        elif roll < 0.17:
            date = f"XXXX-{day.month:02d}-{day.day:02d}"
        else:
            date = day.isoformat()
        out.append(f'    date: "{date}"')
        if "?" in date or date.startswith("X"):
            out.append(f"    date_reported: {_q(day.strftime('%B %d').replace(' 0', ' '))}")
        if "?" in date:
            out.append("    date_inferred:")
            note = "The report gives the day and month; the year is inferred."
            out.append(f"      note: {_q(note)}")
            out.append(f"      sources: [{source_ids[rnd.randrange(len(source_ids))]}]")
        out.append(f"    kind: {_q(kind)}")
        out.append("    place:")
        out.append(f"      name: {_q(place)}")
        out.append(f"      region: {_q(region)}")
        if rnd.random() < 0.4:
            out.append(f"    from: {_q(PLACES[rnd.randrange(len(PLACES))][1] + ' province')}")
        claimant = claimants[rnd.randrange(len(claimants))]
        out.append("    claim:")
        out.append(f"      by: {claimant}")
        out.append(f"      form: {'quote' if rnd.random() < 0.3 else 'paraphrase'}")
        out.append("      verb: claimed")
        out.append("      text: >-")
        out.extend(_block(g.sentence(185, f"(ref. {i + 1:05d})"), "        "))
        out.append(f"      source: {source_ids[rnd.randrange(len(source_ids))]}")
        k = rnd.choice((1, 2, 2, 3)) if len(responders) > 1 else 1
        who = [r for r in rnd.sample(responders, min(k, len(responders))) if r != claimant]
        if not who:
            who = [r for r in responders if r != claimant][:1]
        if who:
            out.append("    responses:")
        for r in who:
            stance = stances[rnd.randrange(len(stances))]
            verbs = STANCE_VERBS[stance]
            n_responses += 1
            out.append(f"      - by: {r}")
            out.append(f"        stance: {stance}")
            out.append(f"        verb: {_q(verbs[rnd.randrange(len(verbs))])}")
            out.append("        text: >-")
            out.extend(_block(g.sentence(140), "          "))
            out.append(f"        source: {source_ids[rnd.randrange(len(source_ids))]}")
    out.append("")

    # -- context ---------------------------------------------------------
    out.append("context:")
    for i in range(n_context):
        day = start + dt.timedelta(days=(i * span_days) // n_context + 1)
        cid = g.new_id(f"ctx-{i + 1:04d}")
        out.append(f"  - id: {cid}")
        city = CAPITALS[rnd.randrange(len(CAPITALS))]
        out.append(f"    title: {_q(f'Talks in {city} on border security')}")
        date = f"{day.year}-{day.month:02d}" if i % 3 else day.isoformat()
        out.append(f'    date: "{date}"')
        acts = rnd.sample(responders, min(2, len(responders)))
        out.append(f"    actors: [{', '.join(acts)}]")
        out.append("    text: >-")
        out.extend(_block(g.sentence(160, f"(ctx {i + 1:04d})"), "      "))
        out.append(f"    source: {source_ids[rnd.randrange(len(source_ids))]}")
    out.append("")

    # -- quotes ----------------------------------------------------------
    out.append("quotes:" if n_quotes else "quotes: []")
    for i in range(n_quotes):
        qid = g.new_id(f"q-{i + 1:05d}")
        out.append(f"  - id: {qid}")
        out.append(f"    speaker: {speakers[rnd.randrange(len(speakers))]}")
        out.append(f"    form: {'quote' if rnd.random() < 0.6 else 'paraphrase'}")
        out.append(f"    verb: {REPORT_VERBS[rnd.randrange(len(REPORT_VERBS))]}")
        if rnd.random() < 0.5:
            out.append(f"    via: [{media[rnd.randrange(len(media))]}]")
        # Mostly about the incident of the same number, sometimes the next
        # one too, sometimes a claimant.
        about: list[str] = []
        if n:
            about.append(incident_ids[i % n])
            if rnd.random() < 0.3 and i + 1 < n:
                about.append(incident_ids[i + 1])
        if rnd.random() < 0.3:
            about.append(claimants[rnd.randrange(len(claimants))])
        if about:
            out.append(f"    about: [{', '.join(about)}]")
        out.append(f"    source: {source_ids[rnd.randrange(len(source_ids))]}")
        out.append("    text: >-")
        out.extend(_block(g.sentence(170), "      "))
    out.append("")

    counts = GeneratedCounts(
        incidents=n,
        actors=n_actors,
        quotes=n_quotes,
        responses=n_responses,
        context=n_context,
        sources=n_sources,
    )
    return "\n".join(out), counts


def write_story(n: int, path: str | Path, seed: int = 1) -> GeneratedCounts:
    text, counts = generate(n, seed)
    Path(path).write_text(text, encoding="utf-8")
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate",
        description="Write a valid synthetic story file with N incidents.",
    )
    parser.add_argument("n", type=int, help="number of incidents")
    parser.add_argument("out", help="the story file to write (YAML)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must be >= 0")
    try:
        counts = write_story(args.n, args.out, args.seed)
    except OSError as exc:
        print(f"cannot write {args.out}: {exc.strerror}", file=sys.stderr)
        return 1
    print(
        f"{args.out}: {counts.incidents} incidents, {counts.actors} actors, "
        f"{counts.quotes} quotes, {counts.responses} responses, "
        f"{counts.context} context events, {counts.sources} sources"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
