"""What carries a run: reading the input, the state store, engines, tables.

`ingest` finds and decodes articles; `incremental` decides what a run must
process and reuses the rest from the state store (`store`, `records`);
`engines` maps the pipeline over articles here, in worker processes or on Dask;
`streaming` and `export` write the tidy tables.
"""
