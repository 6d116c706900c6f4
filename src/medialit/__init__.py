"""medialit: the text-analysis toolkit of the course kit "Reading Propaganda Coverage".

Modules, each a few pure functions named for what they do:

- :mod:`medialit.corpus` — load the shipped case texts (checksums verified) and your own corpus.
- :mod:`medialit.text` — tokens, sentences and stop words, offline.
- :mod:`medialit.cleaning` — remove page furniture (captions, galleries, glosses) from scraped news, every removal listed.
- :mod:`medialit.stats` — frequencies, concordance, collocations, keyness, diversity, readability, sentiment.
- :mod:`medialit.attribution` — who says what: attributions, hedges, scare quotes, voice maps.
- :mod:`medialit.framing` and :mod:`medialit.techniques` — frame cues, labels, coder agreement, propaganda techniques.
- :mod:`medialit.plots` — figures with alt text, in one colour-blind-safe palette.

Every analysis function takes plain text and returns a pandas DataFrame.
"""
__version__ = "0.1.0"
