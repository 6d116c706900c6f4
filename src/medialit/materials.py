"""Teaching materials made from the session plans: page sections, handouts and slides.

Everything here is generated from ``data/teaching/`` (see :mod:`medialit.teaching`), so the
instructor pages, the printable handouts and the slides cannot disagree:

* :func:`session_markdown` is one session as MyST Markdown, for the instructor pages;
* :func:`handout_html` is a self-contained printable page: the passage to read closely with its
  sentence numbers (S1-S19 of the seed, or A1-A13 of the alternative case), and the questions;
* :func:`worksheet_html` is a printable worksheet of one notebook's interpretive questions, worded
  without code, for students on the no-code pathway;
* :func:`slides_html` is a deck of 16:9 slides, one ``<section>`` per slide, for the one-week
  module. Slides describe the group's words and never show them; the long quotations stay on the
  handout, as the content protocol asks.

The HTML needs no script, no web font and no network: :mod:`medialit.pdf` prints it to PDF with
Chromium. Fonts are the system's DejaVu or Liberation faces, which Chromium embeds in the PDF.
"""
from __future__ import annotations

import html
from typing import Any

from .corpus import load_article
from .curriculum import book_pages
from .teaching import (
    Syllabus,
    assignment_minutes,
    passage_numbers,
    passage_sentences,
    reference_text,
    student_edition_path,
)

__all__ = ["SESSION_PAGES", "assignment_line", "handout_html", "milestones_markdown", "passage_label", "session_label",
           "session_markdown", "sessions_overview_markdown", "slides_html", "worksheet_assignments",
           "worksheet_html"]

_SEED_NOTE = ("This passage comes from a 2016 news report that quotes a violent extremist group's calls to kill. "
              "Text only. Nobody reads the group's words aloud. If you have opted out, use the alternative-case "
              "handout instead; you do not need to give a reason.")
_ALT_NOTE = ("Alternative case: a fact check of the coverage of the March 2024 attack on Crocus City Hall near "
             "Moscow. It reports deaths and quotes officials; it does not quote any group's call to violence.")


def passage_label(ranges: list[list[int]], *, prefix: str = "S") -> str:
    """``[[4, 10], [17, 17]]`` -> ``"S4-S10, S17"``.

    >>> passage_label([[4, 10], [17, 17]])
    'S4-S10, S17'
    """
    return ", ".join(f"{prefix}{a}" if a == b else f"{prefix}{a}-{prefix}{b}" for a, b in ranges)


def assignment_line(syllabus: Syllabus, session: dict[str, Any]) -> str:
    """What a session's one assignment is, in a sentence: the notebook (student edition) and its
    minutes, or the capstone milestone; with the optional extras."""
    assignment = session["assignment"]
    optional = assignment.get("optional", [])
    extra = f" Optional extra: {', '.join(f'`{o}`' for o in optional)}." if optional else ""
    if "capstone" in assignment:
        milestone = next(m for m in (syllabus.capstone or {}).get("milestones", []) if m["id"] == assignment["capstone"])
        return (f"the capstone milestone *{milestone['title']}* (about {milestone['minutes']} minutes outside class), "
                f"due {assignment['due']}: {milestone['deliverable']}{extra}")
    name = assignment["name"]
    minutes = assignment_minutes(name)
    started = sum(a["minutes"] for a in session["activities"] if a.get("kind") == "assignment")
    effort = (f"about {minutes} minutes (the notebook's metadata)" if not started else
              f"about {minutes} minutes (the notebook's metadata), {started} of them started in class")
    return f"`{name}`, student edition `{student_edition_path(name)}`; {effort}; due {assignment['due']}.{extra}"


def _pages() -> dict[str, Any]:
    return {p.label: p for p in book_pages()}


def _refs(labels: list[str]) -> str:
    return ", ".join(f"{{ref}}`{label}`" for label in labels) or "nothing"


def session_markdown(syllabus: Syllabus, number: int, *, handout_folder: str = "_build/pdf/handouts") -> str:
    """One session of a syllabus as MyST Markdown (the page renders it with ``render_markdown_format: myst``)."""
    s = syllabus.sessions[number - 1]
    pages = _pages()
    reading_minutes = sum(int(pages[x].meta.get("minutes") or 0) for x in s["read_before"] if x in pages)
    lines = [
        f"**{s['title']}** ({s['minutes']} minutes; week {s['week']}"
        + (f", day {s['day']} of the course" if "day" in s else "") + ")",
        "",
        f"- *Read before* ({reading_minutes} minutes): {_refs(s['read_before'])}",
        f"- *Worked through in class*: {_refs(s['in_class'])}",
        f"- *Assignment*: {assignment_line(syllabus, s)}",
        f"- *Primary reading*: {{cite:t}}`{s['reading']['key']}`. {s['reading']['excerpt']} {s['reading']['why']}",
    ]
    if s.get("further_reading"):
        lines.append("- *Further reading*: " + "; ".join(f"{{cite:t}}`{k}`" for k in s["further_reading"]))
    handout = f"{handout_folder}/{syllabus.name}-{number}.pdf"
    alt = s["handout"]["alternative"]
    lines += [
        f"- *Handout*: {passage_label(s['handout']['passage'])} of the seed (`{handout}`); alternative case: "
        f"{passage_label(alt['passage'], prefix='A')} of `{alt['article']}` (`{handout[:-4]}-alternative.pdf`).",
        "", "*Timed plan*", "", "| from | to | activity |", "|---:|---:|---|",
    ]
    start = 0
    for activity in s["activities"]:
        lines.append(f"| {start} | {start + activity['minutes']} | {activity['what']} |")
        start += activity["minutes"]
    lines += ["", "*Talking points*", ""] + [f"- {point}" for point in s["talking_points"]]
    lines += ["", "*Common misconceptions*", "", "| students may think | instead |", "|---|---|"]
    lines += [f"| {m['belief']} | {m['instead']} |" for m in s["misconceptions"]]
    lines += ["", "*Discussion prompts* (model answers folded; credit any answer that argues from the text)", ""]
    for i, prompt in enumerate(s["prompts"], 1):
        lines += [f"{i}. {prompt['prompt']}", "", "   ```{admonition} Model answer", "   :class: dropdown",
                  f"   {prompt['model_answer']}", "   ```", ""]
    lines += ["*Handout questions*", ""] + [f"{i}. {q}" for i, q in enumerate(s["handout"]["questions"], 1)]
    lines += ["", f"*Prepare*: {s['prepare']}", ""]
    return "\n".join(lines)


#: The instructor page that holds each syllabus's session plans (its cross-reference label).
SESSION_PAGES = {"single-session": "sessions-single", "one-week": "sessions-one-week", "four-weeks": "sessions-four-weeks"}


def session_label(syllabus: Syllabus, number: int) -> str:
    """The cross-reference label of a session's section on its syllabus's session-plan page.

    >>> from medialit.teaching import load_syllabus
    >>> session_label(load_syllabus("one-week"), 2)
    'one-week-session-2'
    """
    return f"{syllabus.name}-session-{number}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def sessions_overview_markdown(syllabus: Syllabus) -> str:
    """A MyST table of a syllabus's sessions, each linked to its plan: when, what to read, what is
    worked through in class, the one assignment. Generated from the plan; nothing is typed by hand."""
    rows = ["| session | when | read before | in class | assignment |", "|---|---|---|---|---|"]
    for s in syllabus.sessions:
        when = f"week {s['week']}" + (f", day {s['day']}" if "day" in s else "")
        if "capstone" in s["assignment"]:
            milestone = next(m for m in syllabus.capstone["milestones"] if m["id"] == s["assignment"]["capstone"])
            assignment = f"capstone: {milestone['title'].lower()}"
        else:
            assignment = f"`{student_edition_path(s['assignment']['name'])}`"
        rows.append(f"| {{ref}}`{s['number']}. {_cell(s['title'])} <{session_label(syllabus, s['number'])}>` | {when} "
                    f"| {_refs(s['read_before'])} | {_refs(s['in_class']) if s['in_class'] else '-'} | {assignment} |")
    return "\n".join(rows) + "\n"


def milestones_markdown(syllabus: Syllabus) -> str:
    """The capstone's milestones as a MyST table: due day, outside-class minutes, task, deliverable."""
    if syllabus.capstone is None:
        return "This syllabus has no capstone.\n"
    rows = ["| milestone | due | minutes outside class | what | hand in |", "|---|---|---:|---|---|"]
    for m in syllabus.capstone["milestones"]:
        week = (m["due_day"] - 1) // 7 + 1
        rows.append(f"| {_cell(m['title'])} | day {m['due_day']} (week {week}) | {m['minutes']} | {_cell(m['what'])} "
                    f"| {_cell(m['deliverable'])} |")
    return "\n".join(rows) + "\n"


# --- printable HTML ----------------------------------------------------------------------------

_CSS = """
@page { size: A4; margin: 16mm 16mm 18mm 16mm; }
html { font-family: "DejaVu Serif", "Liberation Serif", serif; font-size: 10.5pt; color: #111; }
h1 { font-family: "DejaVu Sans", "Liberation Sans", sans-serif; font-size: 15pt; margin: 0 0 2mm; }
h2 { font-family: "DejaVu Sans", "Liberation Sans", sans-serif; font-size: 11.5pt; margin: 5mm 0 2mm; }
.kicker { font-family: "DejaVu Sans", sans-serif; font-size: 8.5pt; text-transform: uppercase; letter-spacing: .06em; color: #444; }
.note { border-left: 3pt solid #b35900; background: #fdf3e7; padding: 2mm 3mm; margin: 3mm 0; font-size: 9.5pt; }
table.passage { border-collapse: collapse; width: 100%; }
table.passage td { vertical-align: top; padding: 1.2mm 2mm; border-bottom: .4pt solid #bbb; line-height: 1.35; }
table.passage td.n { font-family: "DejaVu Sans Mono", monospace; font-weight: bold; width: 11mm; white-space: nowrap; }
ol.questions li { margin-bottom: 2mm; }
.answer { border-bottom: .4pt solid #999; height: 7mm; }
.source { font-size: 8.5pt; color: #333; margin-top: 4mm; }
tr, li { break-inside: avoid; }
"""


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _document(title: str, body: str, css: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{_esc(title)}</title>'
            f"<style>{css}</style></head><body>{body}</body></html>\n")


def handout_html(syllabus: Syllabus, number: int, *, alternative: bool = False) -> str:
    """The printable handout of one session: numbered passage, questions, source and reading."""
    s = syllabus.sessions[number - 1]
    if alternative:
        spec = s["handout"]["alternative"]
        article, prefix, note = spec["article"], "A", _ALT_NOTE
        questions, ranges = spec["questions"], spec["passage"]
    else:
        article, prefix, note = "seed-article", "S", _SEED_NOTE
        questions, ranges = s["handout"]["questions"], s["handout"]["passage"]
    meta = load_article(article).meta
    rows, previous = [], None
    for n, sentence in passage_sentences(ranges, article=article):
        if previous is not None and n > previous + 1:
            gap = f"{prefix}{previous + 1}" + (f"-{prefix}{n - 1}" if n - 1 > previous + 1 else "")
            rows.append(f'<tr><td class="n">...</td><td><em>{gap} not on this handout</em></td></tr>')
        rows.append(f'<tr><td class="n">{prefix}{n}</td><td>{_esc(sentence)}</td></tr>')
        previous = n
    rows = "".join(rows)
    items = "".join(f'<li>{_esc(q)}<div class="answer"></div><div class="answer"></div></li>' for q in questions)
    use = " ".join(str(meta[k]).strip() for k in ("licence", "redistribution") if meta.get(k))
    edition = "alternative case" if alternative else "the case"
    body = (
        f'<p class="kicker">Reading Propaganda Coverage · {_esc(syllabus.title)} · session {number} · {edition}</p>'
        f"<h1>{_esc(s['title'])}</h1>"
        f'<div class="note"><strong>{"Content note" if not alternative else "About this text"}.</strong> {_esc(note)}</div>'
        f"<h2>Read closely: {_esc(passage_label(ranges, prefix=prefix))}</h2>"
        f'<table class="passage">{rows}</table>'
        f'<p class="source">Source: {_esc(meta.get("outlet", ""))}, {_esc(meta.get("date", ""))}; the kit\'s copy '
        f"(<code>load_article(\"{_esc(article)}\")</code>), numbered by sentence as in the close-reading table. "
        f"{_esc(use)}</p>"
        f'<h2>Questions</h2><ol class="questions">{items}</ol>'
        f'<p class="source">Reading for this session: {_esc(reference_text(s["reading"]["key"]))} '
        f'{_esc(s["reading"]["excerpt"])}</p>'
    )
    return _document(f"{syllabus.name} session {number} handout", body, _CSS)


def worksheet_assignments() -> list[str]:
    """Assignment names that have a worksheet: every notebook with a hand-graded question, in book order."""
    from .exemplars import manual_questions
    from .teaching import assignment_index

    order = {(p.path.parent.name, p.path.stem): i for i, p in enumerate(book_pages())}
    names = dict.fromkeys(manual_questions()["assignment"])
    return sorted(names, key=lambda n: order.get((assignment_index()[n].parent.name, assignment_index()[n].stem), 10**6))


def worksheet_html(assignment: str) -> str:
    """A printable worksheet for the no-code pathway: the interpretive (hand-graded) questions of one
    notebook, worded without code, with space to write, and the seed's sentences S1-S19 to refer to.

    The questions come from ``data/teaching/exemplars.yml`` (their ``worksheet`` wording); the
    chapter to read first is the notebook's companion chapter in the web book. No code, no script,
    no network.
    """
    from .exemplars import load_exemplars, manual_questions
    from .teaching import assignment_index

    source = assignment_index()[assignment]
    chapter = next((p for p in book_pages() if p.path.parent.name == source.parent.name and p.path.stem == source.stem),
                   None)
    questions = manual_questions()
    rows = questions[questions["assignment"] == assignment]
    wording = {e["item"]: e["worksheet"] for e in load_exemplars()}
    items = "".join(f'<li>{_esc(" ".join(wording[row.item].split()))} <span class="pts">({row.points:g} points)</span>'
                    + '<div class="answer"></div>' * 6 + "</li>" for row in rows.itertuples())
    sentences = "".join(f'<tr><td class="n">S{n}</td><td>{_esc(text)}</td></tr>'
                        for n, text in passage_sentences([[1, 19]]))
    title = chapter.title if chapter else assignment
    body = (
        '<p class="kicker">Reading Propaganda Coverage · worksheet (no code)</p>'
        f"<h1>{_esc(title)}</h1>"
        f'<div class="note"><strong>Content note.</strong> {_esc(_SEED_NOTE)}</div>'
        f"<p>Read the chapter \u201c{_esc(title)}\u201d in the web book first: its tables and figures are the "
        "evidence these questions ask about. Answer in your own words; no programming is needed. Your answers are "
        "graded with the same rubric as the notebook's written questions.</p>"
        f'<h2>Questions</h2><ol class="questions">{items}</ol>'
        f'<h2>The seed article, sentence by sentence</h2><table class="passage">{sentences}</table>'
        '<p class="source">The seed article as the kit stores it, numbered by sentence as in the close-reading '
        "chapter's table; shared for teaching use only.</p>"
    )
    return _document(f"{assignment} worksheet", body, _CSS + ".pts { color: #444; font-size: 9pt; }")


_SLIDE_CSS = """
@page { size: 254mm 142.875mm; margin: 0; }
html { font-family: "DejaVu Sans", "Liberation Sans", sans-serif; color: #111; }
body { margin: 0; }
section { width: 254mm; height: 142.875mm; box-sizing: border-box; padding: 12mm 16mm; break-after: page;
          position: relative; overflow: hidden; border-top: 5mm solid #0b4aa2; }
section:last-child { break-after: auto; }
h1 { font-size: 26pt; margin: 6mm 0 5mm; } h2 { font-size: 20pt; margin: 0 0 5mm; color: #0b4aa2; }
p, li { font-size: 15pt; line-height: 1.3; } li { margin-bottom: 2.5mm; }
.small { font-size: 11pt; color: #333; } .note { border-left: 2mm solid #b35900; padding-left: 4mm; }
table { border-collapse: collapse; font-size: 13pt; } td { padding: 1mm 4mm 1mm 0; vertical-align: top; }
.foot { position: absolute; bottom: 6mm; left: 16mm; right: 16mm; font-size: 9pt; color: #555; }
"""


def _slide(heading: str, inner: str, foot: str, *, title: bool = False) -> str:
    tag = "h1" if title else "h2"
    return f'<section><{tag}>{_esc(heading)}</{tag}>{inner}<div class="foot">{_esc(foot)}</div></section>'


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def slides_html(syllabus: Syllabus, number: int) -> str:
    """A slide deck for one session, generated from its plan; it describes, never quotes, the group."""
    s = syllabus.sessions[number - 1]
    pages = _pages()
    foot = f"Reading Propaganda Coverage · {syllabus.title} · session {number}"
    objectives = [o for label in [*s["read_before"], *s["in_class"]] if label in pages and label != "content-note"
                  for o in pages[label].meta.get("objectives") or []][:5]
    slides = [_slide(s["title"], (
        f'<p>{_esc(syllabus.title)}, session {number} of {len(syllabus.sessions)} ({s["minutes"]} minutes)</p>'
        '<p class="note small">Content note: today we read news reporting of a violent extremist group\'s propaganda. '
        "Text only: the group's words are described on these slides, never shown; the passage is on your handout. "
        "Anyone may opt out and work with the alternative case.</p>"), foot, title=True)]
    schedule, start = [], 0
    for a in s["activities"]:
        schedule.append(f"<tr><td>{start}-{start + a['minutes']}</td><td>{_esc(a['what'])}</td></tr>")
        start += a["minutes"]
    slides.append(_slide("Today", f'<table class="small">{"".join(schedule)}</table>', foot))
    if objectives:
        slides.append(_slide("By the end you can", "<ul>" + "".join(f"<li>{_esc(o)}</li>" for o in objectives)
                             + "</ul>", foot))
    for chunk in _chunks(s["talking_points"], 3):
        slides.append(_slide("Key ideas", "<ul>" + "".join(f"<li>{_esc(p)}</li>" for p in chunk) + "</ul>", foot))
    for m in s["misconceptions"]:
        slides.append(_slide("A common misconception", f"<p><strong>Students may think:</strong> {_esc(m['belief'])}</p>"
                             f"<p><strong>Instead:</strong> {_esc(m['instead'])}</p>", foot))
    slides.append(_slide("Your handout", f"<p>Read closely: {_esc(passage_label(s['handout']['passage']))}. "
                         "Work in pairs; do not read the group's words aloud.</p><ol>"
                         + "".join(f"<li>{_esc(q)}</li>" for q in s["handout"]["questions"]) + "</ol>", foot))
    for i, p in enumerate(s["prompts"], 1):
        slides.append(_slide(f"Discuss ({i} of {len(s['prompts'])})", f"<p>{_esc(p['prompt'])}</p>"
                             '<p class="small">In pairs first, then with everyone.</p>', foot))
    if "capstone" in s["assignment"]:
        what = f"Capstone: <strong>{_esc(s['assignment']['capstone'])}</strong>"
    else:
        what = (f"Assignment <strong>{_esc(s['assignment']['name'])}</strong> (about "
                f"{assignment_minutes(s['assignment']['name'])} minutes)")
    slides.append(_slide("Before next time", (
        f"<ul><li>{what}, due {_esc(s['assignment']['due'])}.</li>"
        f"<li>Reading: {_esc(reference_text(s['reading']['key']))}</li>"
        f"<li class=\"small\">{_esc(s['reading']['excerpt'])}</li></ul>"), foot))
    slides.append(_slide("Step back", "<p>What was today about? The reporting: what the journalist chose to "
                         "select, quote and leave out, and what the tools could and could not show.</p>", foot))
    return _document(f"{syllabus.name} session {number} slides", "".join(slides), _SLIDE_CSS)


def handout_numbers(syllabus: Syllabus, number: int, *, alternative: bool = False) -> list[str]:
    """The sentence labels a handout must show (``["S4", "S5", ...]``), for checks."""
    s = syllabus.sessions[number - 1]
    ranges = s["handout"]["alternative"]["passage"] if alternative else s["handout"]["passage"]
    return [f"{'A' if alternative else 'S'}{n}" for n in passage_numbers(ranges)]
