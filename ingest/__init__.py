"""Reading documents and extracting their references (see README, "How extraction works")."""

from ingest.compiled import compiled_dir

# the mypyc-compiled extraction modules, when built from these sources (ingest/compiled.py)
if (_native := compiled_dir()) is not None:
    __path__.insert(0, _native)
