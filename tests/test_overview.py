"""The home page's overview of the store: the read model's pass and the SPARQL aggregates (a
remote store, or while the model builds) give the same answer, on the project's samples."""

from __future__ import annotations

from pathlib import Path

from graph.index import ModelReader
from graph.ingest import ingest
from graph.overview import overview
from graph.store import OxigraphStore

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_the_overview_is_the_same_from_the_read_model_and_from_sparql() -> None:
    store = OxigraphStore(None)
    assert ingest([SAMPLES], store, workers=1, progress=False).ok
    over_sparql = overview(store)
    reader = ModelReader(store)
    model = reader.wait()
    assert model is not None
    over_model = overview(reader)
    assert over_model == over_sparql
    assert over_model.documents == len(model.docs) and over_model.links == model.links
    assert over_model.read == len(list(SAMPLES.glob("*.txt")))  # every sample is read
    assert len(over_model.provinces) == 34
    assert overview(reader) is over_model  # kept with the model it was computed from
    store.close()
