"""Closed-class words of English news writing that the attribution rules read.

Determiners, auxiliaries, adverbs that sit between a subject and its verb, pronouns,
clause boundaries, prepositions, titles, organisation words and the like. They are
plain sets so that a reader can see exactly which words a rule looks for.

>>> "said" in _PAST_IRREGULAR and "the" in _DET
True
"""
from __future__ import annotations

import re

_DET = {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our",
        "my", "your", "any", "some", "every", "each", "no"}
_AUX = {"has", "have", "had", "is", "was", "were", "are", "be", "been", "being", "will", "would",
        "can", "could", "may", "might", "shall", "should", "must", "did", "does", "do", "am"}
_ADV = {"also", "further", "later", "again", "then", "previously", "now", "not", "never", "still",
        "even", "repeatedly", "once", "first", "earlier", "often", "already", "just", "falsely",
        "wrongly", "rightly", "publicly", "privately", "reportedly", "allegedly", "recently",
        "subsequently", "separately", "last", "twice", "initially", "since", "long"}
_SUBJ_PRON = {"he", "she", "it", "they", "we", "i", "you", "who"}
_PERSON_PRON = {"he", "she"}
_BOUNDARY = {"that", "which", "who", "whom", "whose", "when", "while", "because", "as", "if",
             "since", "although", "though", "whether", "what", "how", "why", "where", "but",
             "so", "than", "after", "before", "until", "unless", "once", "and", "or", "nor",
             "despite", "whereas"}
_WH = {"what", "how", "why", "whether", "where"}
_PREP = {"about", "of", "for", "with", "in", "on", "at", "by", "from", "against", "over", "into",
         "through", "during", "without", "under", "upon", "toward", "towards", "between", "among",
         "within", "across", "inside", "outside", "near", "around", "behind", "beyond", "via", "amid", "per"}
_TIME = {"on", "in", "at", "during", "last", "yesterday", "today", "tonight", "earlier", "later",
         "this", "late", "early", "overnight"}
_TELL = {"tell", "inform", "notify", "assure", "reassure", "remind", "warn", "advise", "accuse"}
_NP_OBJECT = {"claim", "deny", "confirm", "reconfirm", "announce", "report", "acknowledge",
              "admit", "reveal", "disclose", "allege", "dispute", "predict", "estimate", "describe"}
_TO_OBJECT = {"directive", "commissive"}
_PERCEPTION = re.compile(r"\b(?:is|was|are|were|been|be)\s+(?:also\s+|later\s+|then\s+)?"
                         r"(?:seen|shown|heard|filmed|pictured|depicted|recorded)\b", re.IGNORECASE)
_DOC_WORDS = {"video", "statement", "report", "study", "document", "documents", "data", "analysis",
              "survey", "poll", "research", "recording", "footage", "message", "letter", "post",
              "tweet", "audio", "speech", "communique", "communiqué", "release", "article",
              "book", "paper", "investigation", "assessment", "review", "findings", "records"}
_COLLECTIVE = {"members", "officials", "authorities", "experts", "analysts", "people", "sources",
               "residents", "witnesses", "police", "fighters", "militants", "leaders",
               "observers", "diplomats", "investigators", "critics", "supporters", "activists",
               "spokesman", "spokeswoman", "spokesperson", "government", "ministry", "group",
               "militaries", "troops", "soldiers", "scholars", "researchers", "reporters",
               "journalists", "media", "outlets", "commentators", "bloggers", "users"}
_TITLES = {"president", "director", "minister", "secretary", "spokesperson", "spokesman",
           "spokeswoman", "gen.", "general", "col.", "colonel", "sheikh", "emir", "mr.", "mrs.",
           "ms.", "dr.", "prof.", "professor", "prime", "chief", "head", "commander", "leader",
           "ambassador", "governor", "mayor", "senator", "sen.", "rep.", "judge", "justice",
           "king", "queen", "prince", "sgt.", "lt.", "capt.", "maj.", "adm.", "deputy", "chairman",
           "chairwoman", "ceo", "editor", "correspondent", "analyst", "expert", "officer",
           "sheriff", "commissioner", "chancellor", "superintendent", "inspector", "constable", "detective",
           "sergeant", "lieutenant", "captain", "admiral", "marshal", "dr", "mr", "mrs", "ms", "prof", "sir",
           "rabbi", "imam", "pastor", "bishop", "archbishop", "cardinal", "pope", "ayatollah", "congressman",
           "congresswoman", "councillor", "councilor", "prosecutor", "attorney", "coroner", "premier"}
_ORG_WORDS = {"post", "times", "service", "services", "ministry", "department", "agency", "press",
              "front", "province", "state", "states", "group", "media", "news", "office",
              "council", "committee", "kremlin", "embassy", "government", "army", "police",
              "bureau", "network", "channel", "tv", "union", "party", "emirate", "caliphate",
              "brigade", "university", "institute", "center", "centre", "foundation", "journal",
              "magazine", "agency", "corporation", "company", "inc.", "court", "parliament",
              "duma", "nations", "organisation", "organization", "commission", "house",
              "intelligence", "fsb", "isis", "isil", "is", "is-k", "isis-k", "reuters", "ap",
              "afp", "bbc", "cnn", "voa", "tass", "ria", "interfax"}
_NAME_PARTICLES = {"al", "al-", "bin", "ibn", "abu", "de", "van", "von", "der", "del", "da", "la", "le"}
_PUNCT_END = ".!?"
_PAST_IRREGULAR = {"said", "told", "wrote", "written", "thought", "swore", "sworn", "found", "shown",
                   "retold", "forbade", "forbidden", "foresaw", "foreseen"}
_NUMBER_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens",
                 "hundreds", "thousands", "several", "many", "few", "numerous", "multiple", "both",
                 "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                 "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
                 "hundred", "thousand", "million", "millions", "dozen", "some", "other", "all", "most"}

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}(?![A-Za-z])|[A-Za-z]\w*(?:\.[a-z]{2,}\b)+|\w[\w'\u2019\-\u2010\u2011]*|[^\w\s]")
_DQ_OPEN = {"\u201c", "\u201e", "\u00ab"}
_DQ_CLOSE = {"\u201d", "\u00bb"}
_DQ_ALL = _DQ_OPEN | _DQ_CLOSE | {'"'}
_DQ_RE = re.compile('["\u201c\u201d\u201e\u00ab\u00bb]')
_SQ_MARKS = "'\u2018\u2019"
_OPEN_BEFORE = set(" \t\n([{\u2014\u2013-/:")
#: Common irregular past-tense verbs: a finite verb in a content makes it a clause.
_IRREGULAR_PAST = {"said", "told", "went", "came", "took", "made", "gave", "held", "met", "left", "began",
                   "ran", "won", "lost", "saw", "found", "became", "brought", "fell", "flew", "kept", "knew",
                   "led", "paid", "put", "sent", "set", "stood", "thought", "wore", "wrote", "got", "spoke",
                   "struck", "sank", "rose", "grew", "drove", "hit", "cut", "shot", "chose", "broke", "fled",
                   "sought", "fought", "caught", "taught", "bought", "built", "felt", "heard", "meant", "read",
                   "sat", "slept", "spent", "threw", "understood", "woke", "died", "lay", "led", "withdrew"}
#: Words ending in -ly that are not adverbs (nouns and adjectives).
_LY_NOT_ADVERB = {"family", "assembly", "rally", "ally", "supply", "monopoly", "anomaly", "reply", "daily",
                  "weekly", "monthly", "quarterly", "yearly", "early", "only", "likely", "friendly", "elderly",
                  "holy", "lonely", "lovely", "costly", "deadly", "orderly", "italy", "july", "emily", "jolly",
                  "bully", "belly", "lily", "molly", "holly", "sally", "kelly", "billy", "silly", "ugly"}
