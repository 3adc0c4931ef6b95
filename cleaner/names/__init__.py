"""Knowledge about names: the gazetteer and its compiled cache, the word-frequency lexicon, name
matching keys and index, name runs in text, and the per-document context that holds them."""
