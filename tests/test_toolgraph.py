"""medialit.toolgraph: what each chapter teaches and uses, read from the source."""
from __future__ import annotations

from medialit.curriculum import book_pages
from medialit.toolgraph import TOOL_MODULES, call_graph, imported_tools, uses


def test_imports_are_read_with_aliases_comments_and_parentheses():
    source = ("from medialit.stats import keyness, log_likelihood as ll  # G2\n"
              "from medialit.text import (sentences,\n    tokenize)\nimport medialit\nfrom medialit import plots\n")
    assert imported_tools(source) == {"stats.keyness", "stats.log_likelihood", "text.sentences"}


def test_call_graph_follows_imports_inside_functions():
    graph = call_graph()
    assert "attribution.extract_attributions" in uses({"techniques.technique_cues"})
    assert "stats.concordance" in graph and graph["stats.concordance"]
    assert "framing.agreement" not in uses({"stats.word_frequencies"})


def test_every_chapter_tool_is_a_package_function():
    graph = call_graph()
    for page in book_pages():
        for tool in imported_tools(page.path.read_text(encoding="utf-8")):
            module, name = tool.split(".")
            if module in TOOL_MODULES and name[0].islower() and not name.isupper():
                assert tool in graph, f"{page.label} imports {tool}, which the call graph does not know"


def test_a_subpackage_is_followed_inside_and_out():
    """attribution/ is a subpackage: its functions are named after it, and the graph follows them into
    the modules they import (extract_attributions splits sentences with text.sentence_spans, through the
    class that holds a document), and report's use of it."""
    graph = call_graph()
    assert "attribution.extract_attributions" in graph and "attribution.voice_map" in graph
    assert "text.sentence_spans" in uses({"attribution.extract_attributions"})
    assert "attribution.source_table" in uses({"report.corpus_report"})
    assert not any(name.startswith(("extract.", "voice.", "document.")) for name in graph), \
        "subpackage files are not modules of their own"
