"""The per-article stages, in pipeline order, and the cross-article `resolve`.

clean → text → dates → actors → places → discover → events: each is a small
component with a `name` and `__call__(doc) -> doc` over the shared `Document`
(`models.py`); `pipeline.default_stages()` lists them. `resolve` runs once per
run over all documents' events (which mentions report the same event).
"""
