"""Reading Arabic, and the dictionaries.

Normalisation (`normalize`), phrase matching over a sentence's words
(`matcher`), the typed dictionary entries (`entries`) and their loading
(`dictionary`, from the YAML under `resources/` and the generated world-scale
entries of `world`), and the cache of compiled resources (`cache`). Nothing
here knows about articles or events.
"""
