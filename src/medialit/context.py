"""The case's context as data: a timeline, outlet profiles, search results and dated claims.

A reader of the seed article needs more than the article: what happened in the
North Caucasus before it, who the outlets that passed it on are, and which facts
could be known on the day it appeared. The kit ships that context as data files
under ``data/cases/``, each with a manifest naming its sources, so that a chapter
renders it and an exercise filters it, instead of pasting it into prose:

* ``timeline.csv`` (:func:`load_timeline`): dated events, 1994-2017, with their
  sources and the places where sources disagree;
* ``outlet-profiles.yml`` (:func:`load_outlet_profiles`): "who is behind it?",
  one sourced fact per row;
* ``search-results.yml`` (:func:`load_search_results`): two results pages
  written by the kit for practising click restraint offline;
* ``dated-claims.csv`` (:func:`load_dated_claims`): claims in the coverage and
  the dated evidence on each.

:func:`query_problems` checks a search query against the safe-search protocol
(search outlets and claims, never the video or its title).

:func:`known_by` keeps the rows a reader could have read by a given date.

Every loader checks the file against its manifest's checksum and validates each
value before returning a table; a bad value raises
:class:`~medialit.errors.DataFileError` naming the file, the row and the field.
"""
from __future__ import annotations

import re
import textwrap
from typing import Any

import pandas as pd
import yaml

from .corpus import verify_file
from .errors import DataFileError
from .resources import data_path

__all__ = [
    "ASPECTS",
    "BEARINGS",
    "CATEGORIES",
    "SEED_DATE",
    "known_by",
    "load_dated_claims",
    "load_outlet_profiles",
    "load_search_results",
    "load_timeline",
    "query_problems",
    "results_page",
    "timeline_figure",
]

#: The day the seed article appeared (inferred; see its manifest).
SEED_DATE = pd.Timestamp("2016-03-06")
#: Categories of the timeline's events.
CATEGORIES = ("chechen_wars", "caucasus_emirate", "defections", "is_province", "attacks", "russia_syria", "case", "reports")
#: Aspects of an outlet profile's facts.
ASPECTS = ("origin", "ownership", "funding", "stance", "criticism", "status_2016", "section", "later")
#: How a piece of evidence bears on a claim.
BEARINGS = ("supports", "contradicts", "qualifies", "silent")
_RESULT_KINDS = ("encyclopedia", "news report", "news report (copy)", "wire report (blog copy)", "analysis",
                 "analysis (copy)", "government", "monitoring organisation", "state media", "blog")


def _fail(path, where: str, problem: str) -> DataFileError:
    return DataFileError(f"{path.name}, {where}: {problem}")


def _dates(frame: pd.DataFrame, path, columns: list[str], *, optional: tuple[str, ...] = ()) -> None:
    for column in columns:
        raw = frame[column].fillna("").astype(str)
        parsed = pd.to_datetime(raw.where(raw != "", None), format="%Y-%m-%d", errors="coerce")
        bad = parsed.isna() & ((raw != "") | (column not in optional))
        if bad.any():
            i = int(bad.idxmax())
            raise _fail(path, f"row {i + 1}", f"{column} is {raw[i]!r}; expected a date as YYYY-MM-DD.")
        frame[column] = parsed


def _read_csv(name: str, columns: tuple[str, ...]) -> tuple[pd.DataFrame, Any]:
    path = data_path("cases", name)
    verify_file(path)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if tuple(frame.columns) != columns:
        raise DataFileError(f"{name} should have the columns {', '.join(columns)}; it has {', '.join(frame.columns)}.")
    return frame, path


def _require(frame: pd.DataFrame, path, columns: tuple[str, ...], id_column: str) -> None:
    for column in columns:
        empty = frame[column].str.strip() == ""
        if empty.any():
            row = frame.loc[empty.idxmax()]
            raise _fail(path, f"row {row[id_column] or int(empty.idxmax()) + 1}", f"{column} is empty.")


def _choice(frame: pd.DataFrame, path, column: str, allowed: tuple[str, ...], id_column: str) -> None:
    bad = ~frame[column].isin(allowed)
    if bad.any():
        row = frame.loc[bad.idxmax()]
        raise _fail(path, f"row {row[id_column]}", f"{column} is {row[column]!r}; expected one of {', '.join(allowed)}.")


def load_timeline() -> pd.DataFrame:
    """Read ``data/cases/timeline.csv``: dated events from the Chechen wars to July 2017.

    Returns:
        One row per event in date order, with ``date_from``, ``date_to`` and
        ``earliest_source_date`` as dates. ``date_to`` later than ``date_from``
        means the sources give a range or disagree (see ``disagreement``).

    >>> timeline = load_timeline()
    >>> timeline.loc[timeline["event_id"] == "t19", "date_from"].dt.strftime("%d %B %Y").item()
    '23 June 2015'
    """
    columns = ("event_id", "date_from", "date_to", "date_as_given", "category", "event", "claimed_by",
               "sources", "earliest_source_date", "disagreement")
    frame, path = _read_csv("timeline.csv", columns)
    _require(frame, path, ("event_id", "date_from", "date_to", "date_as_given", "event", "sources",
                           "earliest_source_date"), "event_id")
    _choice(frame, path, "category", CATEGORIES, "event_id")
    if frame["event_id"].duplicated().any():
        raise _fail(path, "event_id", f"repeated ids {sorted(frame.loc[frame['event_id'].duplicated(), 'event_id'])}.")
    _dates(frame, path, ["date_from", "date_to", "earliest_source_date"])
    backwards = frame[frame["date_to"] < frame["date_from"]]
    if len(backwards):
        raise _fail(path, f"row {backwards['event_id'].iloc[0]}", "date_to comes before date_from.")
    return frame


def load_outlet_profiles(*, what: str = "facts") -> pd.DataFrame:
    """Read ``data/cases/outlet-profiles.yml``: who is behind each outlet in the source chain.

    Args:
        what: ``"facts"`` (one row per sourced fact: ``outlet_id``, ``name``,
            ``aspect``, ``text``, ``source``, ``source_date`` (a date, or empty
            when the source shows none), ``after_case``), ``"outlets"`` (one row
            per outlet: ``outlet_id``, ``name``, ``kind``, ``role``, ``facts``,
            ``gaps``) or ``"gaps"`` (one row per thing looked for and not found).

    >>> facts = load_outlet_profiles()
    >>> sorted(facts.loc[facts["outlet_id"] == "rt", "aspect"].unique())[:3]
    ['criticism', 'funding', 'later']
    """
    if what not in ("facts", "outlets", "gaps"):
        raise ValueError(f"what should be 'facts', 'outlets' or 'gaps'; got {what!r}.")
    path = data_path("cases", "outlet-profiles.yml")
    verify_file(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("outlets"), list):
        raise DataFileError(f"{path.name} should be a mapping with a list under 'outlets'.")
    outlets, facts, gaps, seen = [], [], [], set()
    for n, item in enumerate(data["outlets"], 1):
        if not isinstance(item, dict):
            raise _fail(path, f"outlet {n}", "each outlet should be a mapping.")
        for key in ("id", "name", "kind", "role"):
            if not str(item.get(key) or "").strip():
                raise _fail(path, f"outlet {item.get('id') or n}", f"{key} is missing or empty.")
        oid = item["id"]
        if oid in seen:
            raise _fail(path, f"outlet {oid}", "the id is used twice.")
        seen.add(oid)
        item_facts, item_gaps = item.get("facts") or [], item.get("gaps") or []
        if not item_facts and not item_gaps:
            raise _fail(path, f"outlet {oid}", "give at least one fact or say in gaps what was not found.")
        for k, fact in enumerate(item_facts, 1):
            where = f"outlet {oid}, fact {k}"
            if not isinstance(fact, dict):
                raise _fail(path, where, "each fact should be a mapping.")
            if fact.get("aspect") not in ASPECTS:
                raise _fail(path, where, f"aspect is {fact.get('aspect')!r}; expected one of {', '.join(ASPECTS)}.")
            for key in ("text", "source"):
                if not str(fact.get(key) or "").strip():
                    raise _fail(path, where, f"{key} is missing or empty: every fact needs its source.")
            if not isinstance(fact.get("after_case"), bool):
                raise _fail(path, where, "after_case should be true or false.")
            raw_date = str(fact.get("source_date") or "")
            date = pd.NaT if raw_date == "unknown" else pd.to_datetime(raw_date, format="%Y-%m-%d", errors="coerce")
            if raw_date != "unknown" and pd.isna(date):
                raise _fail(path, where, f"source_date is {raw_date!r}; expected YYYY-MM-DD or 'unknown'.")
            facts.append((oid, item["name"], fact["aspect"], fact["text"].strip(), fact["source"], date, fact["after_case"]))
        gaps += [(oid, item["name"], str(g)) for g in item_gaps]
        outlets.append((oid, item["name"], item["kind"], item["role"], len(item_facts), len(item_gaps)))
    if what == "outlets":
        return pd.DataFrame(outlets, columns=["outlet_id", "name", "kind", "role", "facts", "gaps"])
    if what == "gaps":
        return pd.DataFrame(gaps, columns=["outlet_id", "name", "gap"])
    return pd.DataFrame(facts, columns=["outlet_id", "name", "aspect", "text", "source", "source_date", "after_case"])


#: The video's title, in the two translations the coverage gives (lower case). A query that names
#: it leads to copies of the video; the kit never prints it in a query.
VIDEO_TITLES = ("profitable trading", "commerce that will never fail")
_ASKS_FOR_MEDIA = re.compile(r"\b(?:watch|download|full video|video link|mp4|stream|footage|uncensored|leaked)\b",
                             re.IGNORECASE)


def query_problems(query: str) -> list[str]:
    """What the safe-search protocol finds wrong with a search query; an empty list when it is safe.

    The protocol: search for outlets, people and claims, in your own words; never for the video,
    its title, the group's slogans, or a place that hosts its media. A query is refused when it
    names the video's title (:data:`VIDEO_TITLES`), asks for the media itself (*watch*,
    *download*, *full video*, ...), repeats one of the group's phrases as the press quoted them
    (:data:`medialit.curriculum.GROUP_PHRASES`), or names a host or outlet on the content
    protocol's denylist.

    Args:
        query: what a student would type into a search engine.

    Returns:
        One sentence per problem, saying what to do instead.

    Caveats:
        A check of words, not of intent: a query can pass it and still lead somewhere a student
        should not go, so the protocol's other rule (read the results page before you click)
        still applies. Only the two English renderings of the title that the coverage gives are
        known to it.

    >>> query_problems("Islamic State Caucasus Province")
    []
    >>> query_problems("Caucasus Province full video download")
    ['asks for the media itself (download, full video): search for reports about it instead.']
    """
    from .curriculum import GROUP_PHRASES, LINK_DENYLIST, LINK_PATTERNS

    if not isinstance(query, str):
        raise TypeError(f"query should be a str; got {type(query).__name__}.")
    low = " ".join(query.lower().split())
    problems = []
    if any(title in low for title in VIDEO_TITLES):
        problems.append("names the video's title: search for the outlets and the claims instead.")
    media = sorted({m.group().lower() for m in _ASKS_FOR_MEDIA.finditer(low)})
    if media:
        problems.append(f"asks for the media itself ({', '.join(media)}): search for reports about it instead.")
    phrases = [phrase for phrase in GROUP_PHRASES if phrase in low]
    if phrases:
        problems.append("repeats the group's own words: describe the claim in your own words instead.")
    hosts = [host for host in LINK_DENYLIST if re.search(rf"\b{re.escape(host.split('.')[0])}\b", low)
             and len(host.split(".")[0]) > 3]
    outlets = [pattern for pattern in LINK_PATTERNS if re.search(pattern, low)]
    if hosts or outlets:
        problems.append("names a platform that hosts such media, or an outlet of the group's: leave it out and search for reporting.")
    return problems


def load_search_results() -> pd.DataFrame:
    """Read ``data/cases/search-results.yml``: two results pages written by the kit.

    Returns:
        One row per result: ``search_id``, ``query``, ``purpose``, ``rank``,
        ``title``, ``title_kind``, ``display_url``, ``url``, ``date_shown``,
        ``kind``, ``profile`` (an outlet id of :func:`load_outlet_profiles`, or
        empty), ``snippet``, ``teaching_note``.

    The loader refuses a result whose address the content protocol forbids
    (:func:`medialit.curriculum.disallowed_links`) and a query that names the
    video's title: the pages teach a safe search.

    >>> results = load_search_results()
    >>> results.groupby("search_id")["rank"].max().to_dict()
    {'s1': 9, 's2': 7}
    """
    from .curriculum import disallowed_links

    path = data_path("cases", "search-results.yml")
    verify_file(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("searches"), list):
        raise DataFileError(f"{path.name} should be a mapping with a list under 'searches'.")
    profiles = set(load_outlet_profiles(what="outlets")["outlet_id"])
    rows = []
    for search in data["searches"]:
        sid = search.get("id")
        query = str(search.get("query") or "")
        if not sid or not query.strip():
            raise _fail(path, f"search {sid}", "each search needs an id and a query.")
        if any(title in query.lower() for title in VIDEO_TITLES):
            raise _fail(path, f"search {sid}", "the query names the video's title; search for outlets and claims instead.")
        unsafe = query_problems(query)
        if unsafe:
            raise _fail(path, f"search {sid}", f"the query {unsafe[0]}")
        results = search.get("results") or []
        ranks = [r.get("rank") for r in results]
        if ranks != list(range(1, len(results) + 1)):
            raise _fail(path, f"search {sid}", f"ranks should run 1, 2, 3, ... in order; they are {ranks}.")
        for r in results:
            where = f"search {sid}, result {r.get('rank')}"
            for key in ("title", "display_url", "url", "snippet", "teaching_note"):
                if not str(r.get(key) or "").strip():
                    raise _fail(path, where, f"{key} is missing or empty.")
            if r.get("title_kind") not in ("headline", "built"):
                raise _fail(path, where, "title_kind should be 'headline' or 'built'.")
            if r.get("kind") not in _RESULT_KINDS:
                raise _fail(path, where, f"kind is {r.get('kind')!r}; expected one of {', '.join(_RESULT_KINDS)}.")
            if r.get("profile") and r["profile"] not in profiles:
                raise _fail(path, where, f"profile {r['profile']!r} is not an outlet id in outlet-profiles.yml.")
            bad = disallowed_links(str(r["url"]))
            if bad:
                raise _fail(path, where, f"the address is on the content protocol's denylist: {bad}.")
            rows.append((sid, query, str(search.get("purpose") or "").strip(), r["rank"], r["title"], r["title_kind"],
                         r["display_url"], r["url"], str(r.get("date_shown") or ""), r["kind"], r.get("profile") or "",
                         " ".join(str(r["snippet"]).split()), " ".join(str(r["teaching_note"]).split())))
    return pd.DataFrame(rows, columns=["search_id", "query", "purpose", "rank", "title", "title_kind", "display_url",
                                       "url", "date_shown", "kind", "profile", "snippet", "teaching_note"])


def results_page(results: pd.DataFrame, search_id: str) -> str:
    """One search of :func:`load_search_results` as a text-only results page, as a student would see it.

    Each result shows its rank, title, address, the date shown and the snippet; the kit's
    classification (``kind``, ``profile``) and the instructor's ``teaching_note`` are never
    printed, so the page can be read before any judgement is made.

    Args:
        results: the table from :func:`load_search_results` (with or without ``teaching_note``).
        search_id: which search to show (``"s1"``, ``"s2"``).

    >>> print(results_page(load_search_results(), "s2").splitlines()[0])
    Search: Caucasus Emirate leader killed 2015
    """
    if not isinstance(results, pd.DataFrame):
        raise TypeError(f"results should be the DataFrame from load_search_results(); got {type(results).__name__}.")
    needed = ["search_id", "query", "rank", "title", "display_url", "date_shown", "snippet"]
    missing = [c for c in needed if c not in results.columns]
    if missing:
        raise ValueError(f"results lacks the column(s) {missing}; pass the table from load_search_results().")
    page = results[results["search_id"] == search_id].sort_values("rank")
    if page.empty:
        known = ", ".join(sorted(results["search_id"].unique()))
        raise ValueError(f"no search {search_id!r} in the results; the searches are {known}.")
    lines = [f"Search: {page['query'].iloc[0]}", ""]
    for row in page.itertuples():
        shown = f" · {row.date_shown}" if row.date_shown else ""
        snippet = textwrap.fill(row.snippet, width=96, initial_indent="    ", subsequent_indent="    ")
        lines += [f"{row.rank:>2}. {row.title}", f"    {row.display_url}{shown}", snippet, ""]
    return "\n".join(lines).rstrip() + "\n"


def load_dated_claims() -> pd.DataFrame:
    """Read ``data/cases/dated-claims.csv``: claims to check, and the dated evidence on each.

    Returns:
        One row per piece of evidence, with ``claim_date`` and ``source_date``
        as dates.

    >>> claims = load_dated_claims()
    >>> claims.loc[claims["claim_id"] == "c1", "made_in"].iloc[0]
    'seed S19'
    """
    columns = ("claim_id", "claim", "made_in", "claim_date", "check", "evidence_id", "evidence", "source",
               "source_date", "source_date_precision", "bears_on", "note")
    frame, path = _read_csv("dated-claims.csv", columns)
    _require(frame, path, ("claim_id", "claim", "made_in", "claim_date", "evidence_id", "evidence", "source",
                           "source_date"), "evidence_id")
    _choice(frame, path, "bears_on", BEARINGS, "evidence_id")
    _choice(frame, path, "source_date_precision", ("day", "month", "year"), "evidence_id")
    if frame["evidence_id"].duplicated().any():
        raise _fail(path, "evidence_id", "repeated ids.")
    claims = frame.groupby("claim_id")[["claim", "made_in", "claim_date"]].nunique()
    if (claims > 1).any().any():
        raise _fail(path, "claim_id", "a claim's text, place or date differs between its rows.")
    _dates(frame, path, ["claim_date", "source_date"])
    return frame


def known_by(frame: pd.DataFrame, date: str | pd.Timestamp = SEED_DATE, *, column: str = "source_date") -> pd.DataFrame:
    """The rows whose date in ``column`` is on or before ``date``: what a reader could have read then.

    Args:
        frame: a table with a date column (from :func:`load_dated_claims`,
            :func:`load_timeline` with ``column="earliest_source_date"``, or
            :func:`load_outlet_profiles`).
        date: the reader's day (default: the seed's, 6 March 2016).
        column: the column of source dates.

    Caveats:
        A source dated by month only (stored as the first of the month) counts
        as known from the first: check ``source_date_precision`` before
        deciding a close case. Rows with no date are left out.

    >>> claims = load_dated_claims()
    >>> len(known_by(claims)) < len(claims)
    True
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"frame should be a DataFrame; got {type(frame).__name__}.")
    if column not in frame.columns:
        raise ValueError(f"frame has no column {column!r}; its columns are {', '.join(map(str, frame.columns))}.")
    try:
        day = pd.Timestamp(date)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"date should be a date such as '2016-03-06'; got {date!r}.") from exc
    dates = pd.to_datetime(frame[column])
    return frame[dates.notna() & (dates <= day)]


_CATEGORY_LABELS = {
    "chechen_wars": "Chechen wars", "caucasus_emirate": "Caucasus Emirate", "defections": "defections to IS",
    "is_province": "IS province", "attacks": "claimed attacks", "russia_syria": "Russia, Syria, Sinai",
    "case": "the video and the seed", "reports": "later reports",
}


def timeline_figure(timeline: pd.DataFrame, *, split: str = "2014-01-01"):
    """The timeline as a dot chart: one row per category, in two panels (before and after ``split``).

    A point is an event whose day is known; a bar runs from the earliest to the
    latest date the sources allow. The right panel, from ``split`` on, is wider:
    most events fall in 2014-2017.

    Args:
        timeline: the table from :func:`load_timeline` (or rows of it).
        split: the date where the second panel starts.

    Returns:
        A matplotlib Figure with ``alt_text`` (:func:`medialit.plots.alt_text`)
        counting the events in each category and panel, with their first and last dates.

    >>> from medialit.plots import alt_text
    >>> alt_text(timeline_figure(load_timeline())).split(".")[0]
    'Timeline of 34 events in eight rows, one per category, in two panels: before 2014 (1994-2009) and from 2014 (2014-2017)'
    """
    from matplotlib.dates import DateFormatter, YearLocator
    from matplotlib.figure import Figure

    from .plots import BACKGROUND, GRID, MUTED, PALETTE, TEXT

    if not isinstance(timeline, pd.DataFrame) or not {"date_from", "date_to", "category"} <= set(timeline.columns):
        raise TypeError("timeline should be the table from load_timeline() (columns date_from, date_to, category).")
    if timeline.empty:
        raise ValueError("timeline has no rows to draw.")
    cut = pd.Timestamp(split)
    categories = [c for c in CATEGORIES if c in set(timeline["category"])]
    ypos = {c: len(categories) - 1 - i for i, c in enumerate(categories)}
    # the palette without yellow, which is too pale on white for small dots
    colours = [PALETTE[c] for c in ("blue", "vermillion", "bluish_green", "reddish_purple", "orange", "sky_blue", "black")]
    fig = Figure(figsize=(8.5, 0.42 * len(categories) + 1.6), dpi=100, facecolor=BACKGROUND, layout="constrained")
    early_ax, late_ax = fig.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [1, 3]})
    panels = [(early_ax, timeline[timeline["date_from"] < cut]), (late_ax, timeline[timeline["date_from"] >= cut])]
    for ax, rows in panels:
        ax.set_facecolor(BACKGROUND)
        for row in rows.itertuples():
            y, colour = ypos[row.category], colours[categories.index(row.category) % len(colours)]
            if row.date_to > row.date_from:
                ax.plot([row.date_from, row.date_to], [y, y], color=colour, linewidth=5, alpha=0.5, solid_capstyle="butt")
            ax.plot(row.date_from, y, marker="o", color=colour, markersize=5, linestyle="none")
        ax.grid(axis="y", color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        ax.tick_params(colors=TEXT, labelcolor=TEXT, labelsize=8)
        for side, spine in ax.spines.items():
            spine.set_color(MUTED)
            spine.set_visible(side in ("bottom", "left"))
    late_ax.set_xlim(cut - pd.Timedelta(days=30), max(timeline["date_to"].max(), cut) + pd.Timedelta(days=60))
    early_ax.xaxis.set_major_locator(YearLocator(5))
    late_ax.xaxis.set_major_locator(YearLocator(1))
    for ax in (early_ax, late_ax):
        ax.xaxis.set_major_formatter(DateFormatter("%Y"))
    early_ax.set_yticks(list(ypos.values()), [_CATEGORY_LABELS[c] for c in ypos])
    early_ax.set_ylim(-0.6, len(categories) - 0.4)
    late_ax.set_xlabel("Date (bars: a range the sources allow)", color=TEXT)
    spans = []
    for name, rows in ((f"before {cut.year}", panels[0][1]), (f"from {cut.year}", panels[1][1])):
        if not rows.empty:
            spans.append(f"{name} ({rows['date_from'].min().year}-{rows['date_to'].max().year})")
    details = []
    for c in categories:
        rows = timeline[timeline["category"] == c]
        details.append(f"{_CATEGORY_LABELS[c]}: {len(rows)} event{'s' if len(rows) != 1 else ''}, "
                       f"{rows['date_from'].min():%B %Y} to {rows['date_to'].max():%B %Y}")
    numbers = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}
    fig.alt_text = (f"Timeline of {len(timeline)} events in {numbers.get(len(categories), len(categories))} rows, "  # type: ignore[attr-defined]
                    f"one per category, in two panels: {' and '.join(spans)}. " + "; ".join(details) + ".")
    return fig
