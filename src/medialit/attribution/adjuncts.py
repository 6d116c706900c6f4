"""Adjuncts around a reporting verb: *when*, *where* and *through what* something was said.

News writing puts time and channel phrases between a verb and its content (``said in a
statement that ...``; ``said in an interview with Rolling Stone he was open ...``;
``announced on Twitter the agency would ...``; ``told reporters on Monday that ...``) and after
a trailing tag (``..., the ministry said in a statement.``; ``..., police reported Friday
morning, local time.``, ``..., the ministry said in a statement released on Monday.``). Neither
kind is content: :func:`skip_adjuncts` steps over them, :func:`only_adjuncts` says whether the
rest of a sentence is nothing but adjuncts, and :func:`trailing_channel` whether a comma phrase
after a content is its channel (``said the port was closed, in a statement on Monday``).

>>> from .document import _Doc
>>> doc = _Doc("The ministry said in a statement on Monday that the port was closed.")
>>> doc.toks[skip_adjuncts(doc, 3, len(doc.toks) - 1)].text
'that'
"""
from __future__ import annotations

from ._words import _AUX, _DET, _DQ_ALL, _IRREGULAR_PAST, _PREP, _SUBJ_PRON

_TIME_WORDS = {"yesterday", "today", "tonight", "earlier", "later", "last", "this", "next", "late", "early",
               "morning", "afternoon", "evening", "night", "week", "weekend", "month", "year", "day", "time",
               "local", "overnight", "previously", "recently", "again", "also", "then", "now", "once",
               "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
               "january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december", "ago", "hours", "days", "weeks", "months", "years"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"}
_ADJUNCT_PREP = {"in", "on", "via", "through", "at", "during", "to", "with", "over", "from", "after", "before", "by"}
#: Words after which a clause (the content) can begin.
_CLAUSE_START = _SUBJ_PRON | _DET | {"that", "there", "no", "all", "some", "most", "many", "both", "several"}


#: Participles that name a source in a parenthesis after a reporting verb ("reported, citing X, ...").
_SOURCE_PARTICIPLES = {"citing", "quoting"}


def is_verb_token(tok) -> bool:
    """A lower-case auxiliary, irregular past, or -ed/-ing word: a verb, as far as surface form tells."""
    low = tok.low
    return tok.text.islower() and (low in _AUX or low in _IRREGULAR_PAST
                                   or (len(low) > 4 and low.endswith(("ed", "ing"))))


def _pp_end(doc, k: int, hi: int) -> int:
    """Token k is a preposition: the index after its noun phrase (a determiner right after the
    preposition belongs to it; a later determiner, a pronoun, "that" or punctuation ends it)."""
    toks = doc.toks
    j = k + 1
    if j <= hi and toks[j].low in _DET:
        j += 1
    while j <= hi:
        t = toks[j]
        after_prep = toks[j - 1].low in {"of", "with", "for"}
        if (t.low in _DET and not after_prep) or t.low in _SUBJ_PRON or t.low.split("'")[0] in _SUBJ_PRON \
                or t.low == "that" or is_verb_token(t) or t.text in _DQ_ALL:
            break
        if not t.text[0].isalnum() and t.text not in "-'\u2019&.":
            break
        if (t.low in _PREP and t.low not in {"of", "with", "for"}) or t.low == "to":
            break
        if t.text[0].isdigit() and toks[j - 1].text[0].isalpha() and j > k + 1:
            break  # "at the time 150 security forces": a number after the noun starts the content
        j += 1
    return j


def skip_adjuncts(doc, k: int, hi: int) -> int:
    """From token k (just after a verb and its addressee), step over time and channel phrases;
    return the first token of what follows, or k when what follows does not start a clause."""
    toks = doc.toks
    j = k
    while j <= hi:
        t = toks[j]
        if t.low in _TIME_WORDS or (t.text[0].isdigit() and j > k and toks[j - 1].low in _MONTHS):
            j += 1
        elif t.low in _ADJUNCT_PREP and j + 1 <= hi and toks[j + 1].text[0].isalnum() and not (
                t.low == "to" and toks[j + 1].text.islower() and toks[j + 1].low not in _DET):
            j = _pp_end(doc, j, hi)
        elif t.text == "(":
            while j <= hi and toks[j].text != ")":
                j += 1
            j += 1
        elif t.text == "," and j + 2 <= hi and toks[j + 1].low in _SOURCE_PARTICIPLES:
            # "reported, citing Johns Hopkins University data, there were ...": a participle naming
            # the source between the verb and its content
            close = next((x for x in range(j + 2, min(hi, j + 14)) if toks[x].text == ","), None)
            if close is None:
                break
            j = close + 1 if close + 1 <= hi and toks[close + 1].low == "that" else close
            break
        else:
            break
    if j == k or j > hi:
        return k
    t = toks[j]
    if t.low in _CLAUSE_START or t.low.split("'")[0] in _SUBJ_PRON or t.text[0].isupper() or t.text[0].isdigit() \
            or t.text in _DQ_ALL or t.text == ":":
        return j
    if t.text == "," and j + 1 <= hi:
        # "wrote on Twitter, "We must ..."", "noted on Monday, the fatalities were ...": the comma
        # closes the adjunct and the content follows it
        u = toks[j + 1]
        if u.text in _DQ_ALL or u.low in _CLAUSE_START or u.text[0].isupper() or u.text[0].isdigit() or (
                u.text.isalpha() and u.text.islower() and not u.low.endswith("ing") and u.low not in _PREP
                and u.low not in {"and", "but", "or", "to"}) or (
                u.low in {"about", "around", "over", "nearly", "almost", "some", "roughly"} and j + 2 <= hi
                and toks[j + 2].text[0].isdigit()):
            return j  # "said on Saturday, about 20 buildings collapsed"
    return k


#: Nouns of the channel through which something was said ("in a statement", "on Twitter").
_CHANNEL_WORDS = {"statement", "statements", "interview", "press", "release", "conference", "briefing", "letter",
                  "post", "tweet", "twitter", "facebook", "instagram", "video", "message", "televised", "address",
                  "speech", "radio", "television", "tv", "phone", "telephone", "email", "e-mail", "news",
                  "report", "reports", "reporters", "journalists", "media", "social", "written", "joint",
                  "separate", "brief", "recent", "later", "interviews", "website", "blog", "court", "filing",
                  "hearing", "parliament", "session", "broadcast", "podcast", "official", "comments", "remarks",
                  "announcement", "communique", "notice", "newspaper", "agency", "channel", "network", "outlet",
                  "appearance", "document", "documents", "memo", "editorial", "update", "posting", "online",
                  "public", "televised", "meeting", "call", "audio", "recording", "footage"}
#: Participles that describe a channel ("in a statement released on Monday", "a video posted online").
_CHANNEL_PARTICIPLES = {"released", "issued", "posted", "published", "broadcast", "aired", "sent", "shared",
                        "circulated", "distributed", "given", "made", "delivered", "carried", "uploaded", "read"}


def only_adjuncts(doc, k: int, hi: int) -> bool:
    """True when tokens k..hi (the rest of a sentence after a tag) are nothing but time, place
    and channel phrases: ``in a statement``, ``on Monday``, ``Friday morning, local time
    (UTC+0900)``, ``in an interview with CNN``. Names count only inside such a phrase."""
    toks = doc.toks
    in_pp = False
    channel = False
    depth = 0
    words = 0
    for j in range(k, hi + 1):
        t = toks[j]
        if t.text == "(":
            depth += 1
            continue
        if t.text == ")":
            depth -= 1
            continue
        if depth > 0:
            continue
        if not t.text[0].isalnum():
            if t.text in _DQ_ALL:
                return False
            continue
        words += 1
        low = t.low
        if low in _ADJUNCT_PREP or low == "of":
            in_pp = True
        elif low in _TIME_WORDS or low in _CHANNEL_WORDS or low in _DET or t.text[0].isdigit():
            channel = channel or low in _CHANNEL_WORDS
        elif low in _CHANNEL_PARTICIPLES and channel:
            pass  # "in a statement released late on Monday"
        elif t.text[0].isupper() and in_pp:
            pass
        else:
            return False
    return words <= 14


def trailing_channel(doc, k: int, hi: int) -> bool:
    """True when tokens k..hi, after a comma that ends a content, are a channel phrase and its
    time and place adjuncts (``..., in a statement released on Monday``): the reporter's note of
    how it was said, not part of what was said. A phrase with no channel word (``..., on Monday``)
    is left alone."""
    toks = doc.toks
    if k > hi or toks[k].low not in _ADJUNCT_PREP or toks[k].low in {"to", "from", "after", "before", "by", "with"}:
        return False
    return any(toks[j].low in _CHANNEL_WORDS for j in range(k, hi + 1)) and only_adjuncts(doc, k, hi)
