"""medialit.materials: session sections, handouts and slides, generated from the session plans."""
from __future__ import annotations

import re

import pytest

from medialit.curriculum import disallowed_links, media_embeds, needs_content_note
from medialit.materials import (
    handout_html,
    handout_numbers,
    passage_label,
    session_markdown,
    slides_html,
    worksheet_assignments,
    worksheet_html,
)
from medialit.teaching import SYLLABI, load_syllabus, quotes_the_group, student_edition_path

PLANS = {name: load_syllabus(name) for name in SYLLABI}
SESSIONS = [(name, s["number"]) for name, plan in PLANS.items() for s in plan.sessions]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("name, number", SESSIONS)
def test_session_section_has_everything_a_plan_needs(name, number):
    plan, session = PLANS[name], PLANS[name].sessions[number - 1]
    md = session_markdown(plan, number)
    assert f"{{cite:t}}`{session['reading']['key']}`" in md
    if "capstone" in session["assignment"]:
        milestone = next(m for m in plan.capstone["milestones"] if m["id"] == session["assignment"]["capstone"])
        assert milestone["title"] in md and milestone["deliverable"] in md
    else:
        assert student_edition_path(session["assignment"]["name"]) in md
    assert "exercises/" + "framing/" not in md.replace("exercises/dist/student/framing/", "")  # never a source path
    for activity in session["activities"]:
        assert activity["what"] in md
    assert md.count("Model answer") == len(session["prompts"])
    assert f"{name}-{number}.pdf" in md


@pytest.mark.parametrize("name, number", SESSIONS)
def test_handout_shows_its_numbered_passage_and_questions(name, number):
    plan, session = PLANS[name], PLANS[name].sessions[number - 1]
    html = handout_html(plan, number)
    for label in handout_numbers(plan, number):
        assert f'<td class="n">{label}</td>' in html, f"{name} {number}: {label} missing"
    for question in session["handout"]["questions"]:
        assert question.replace("'", "&#x27;").replace('"', "&quot;") in html
    assert "Content note" in html and "teaching use only" in html
    alternative = handout_html(plan, number, alternative=True)
    for label in handout_numbers(plan, number, alternative=True):
        assert f'<td class="n">{label}</td>' in alternative
    assert needs_content_note(_text(alternative)) == [] and quotes_the_group(_text(alternative)) == []


@pytest.mark.parametrize("name, number", SESSIONS)
def test_handouts_and_slides_load_nothing_and_embed_nothing(name, number):
    for html in (handout_html(PLANS[name], number), handout_html(PLANS[name], number, alternative=True)):
        assert "<script" not in html and "http" not in html.lower() and not media_embeds(html)
        assert not disallowed_links(html)


@pytest.mark.parametrize("number", [1, 2, 3])
def test_slides_describe_and_never_quote_the_group(number):
    plan = PLANS["one-week"]
    html = slides_html(plan, number)
    text = _text(html)
    assert plan.sessions[number - 1]["title"] in text
    assert html.count("<section>") >= 8
    assert quotes_the_group(text) == [], "a slide quotes the group"
    assert needs_content_note(text) == [], "a slide repeats the group's words"
    assert "<script" not in html and "http" not in html.lower() and not media_embeds(html)
    for prompt in plan.sessions[number - 1]["prompts"]:
        assert prompt["model_answer"][:40] not in text, "slides show prompts, not model answers"


def test_a_gap_in_the_passage_is_marked():
    html = handout_html(PLANS["one-week"], 2)        # S4-S10 and S17
    assert "S11-S16 not on this handout" in html


def test_passage_label():
    assert passage_label([[1, 7], [18, 19]]) == "S1-S7, S18-S19"
    assert passage_label([[3, 3]], prefix="A") == "A3"


def test_worksheets_hold_the_interpretive_questions_in_words_and_no_code():
    import html as html_module

    from medialit.exemplars import load_exemplars, looks_like_code, manual_questions

    wording = {e["item"]: e["worksheet"] for e in load_exemplars()}
    questions = manual_questions()
    assert set(worksheet_assignments()) == set(questions["assignment"])
    for name in worksheet_assignments():
        page = worksheet_html(name)
        body = html_module.unescape(_text(page[page.index("<body>"):]))
        assert not looks_like_code(body), name
        for item in questions.loc[questions["assignment"] == name, "item"]:
            assert " ".join(wording[item].split()) in body
        assert "Content note" in body and "S19" in body
        assert "<script" not in page and "http" not in page.lower() and not media_embeds(page)


def test_the_no_code_check_would_catch_a_prompt_with_code():
    from medialit.exemplars import looks_like_code, manual_questions

    prompts = manual_questions()["prompt"]
    assert prompts.map(looks_like_code).sum() >= 10, "many notebook prompts hold code; the worksheets reword them"
