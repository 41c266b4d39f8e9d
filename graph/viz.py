"""Interactive pictures of the graph: a document's lineage, impact or neighbourhood as a pyvis
(vis-network) network.

The pages (api/routes/pages.py) and the notebook share this module: ``subgraph`` walks the store
from one document, ``to_network`` turns the walk into a pyvis ``Network`` (colour = level of the
issuer, size = how often the document is implemented or cited, label = symbol, hover = title,
date and issuer, edge label = relation), ``vis_data`` gives the nodes, edges and options for a
page template, ``standalone_html`` one self-contained HTML file (vis-network inlined: no CDN).

Everything taken from documents travels as data, never as markup: vis-network draws labels on a
canvas and shows string titles with ``innerText``, and the JSON is embedded with Jinja's
``tojson`` (which escapes ``<``, ``>``, ``&`` and quotes).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import jinja2
import pyvis.network
from pyvis.network import Network

from graph import query, vocab
from graph.labels import ddmmyyyy, display_name, labels
from graph.store import Store
from graph.summary import DocSummary, summaries

Mode = Literal["lineage", "impact", "neighbourhood"]
MODES: tuple[str, ...] = ("lineage", "impact", "neighbourhood")
MAX_DEPTH = 6
MAX_NODES = 1500  # beyond this a browser page stops being usable; the walk says it was cut

VIS_DIR = Path(pyvis.network.__file__).parent / "templates" / "lib" / "vis-9.1.2"
TEMPLATES = Path(__file__).parent / "templates"

# lg:level → (legend label, colour). Order = the hierarchy, top first.
LEVELS: dict[str, tuple[str, str]] = {
    "party": ("Party", "#c62828"),
    "national_assembly": ("National Assembly", "#6a1b9a"),
    "government": ("Government and Prime Minister", "#1565c0"),
    "ministry": ("Ministries", "#00897b"),
    "province": ("Provinces", "#2e7d32"),
    "department": ("Departments", "#ef6c00"),
    "district": ("Districts", "#8d6e63"),
}
UNKNOWN_LEVEL = ("Level unknown", "#9e9e9e")

RELATION_COLOURS: dict[str, str] = {
    "implements": "#1e88e5",
    "based_on": "#8e24aa",
    "amends": "#f4511e",
    "replaces": "#6d4c41",
    "repeals": "#e53935",
    "guides": "#00acc1",
    "corrects": "#fdd835",
    "consolidates": "#43a047",
    "promulgates": "#3949ab",
    "responds_to": "#7cb342",
    "cites": "#9e9e9e",
}
RELATIONS: tuple[str, ...] = tuple(vocab.RELATION_IRI)
# What "how often it is implemented, relied on or cited" counts for node sizes (căn cứ
# included: a law is rarely "implemented", it is the basis of decrees).
WEIGHT_RELATIONS = ("implements", "based_on", "guides", "cites")


@dataclass(frozen=True)
class NodeInfo:
    """What a picture shows of one document."""

    iri: str
    key: str
    symbol: str | None = None
    title: str | None = None
    date: str | None = None
    issuer: str | None = None
    level: str | None = None
    stub: bool = False
    weight: int = 0  # documents that implement or cite it, in the whole store
    name: str | None = None  # DocSummary.label: the symbol, else type name and date

    @property
    def label(self) -> str:
        """The symbol; a law cited by name has none, so its (short) title, else its key."""
        if self.name and self.name != self.key:
            return self.name
        if self.title:
            return self.title if len(self.title) <= 32 else self.title[:31] + "…"
        return self.key

    @property
    def hover(self) -> str:
        """Plain text (vis-network shows it with innerText): title, date, issuer."""
        lines = [self.label]
        if self.title and self.title != self.label:
            lines.append(self.title if len(self.title) <= 300 else self.title[:299] + "…")
        lines.append(f"Date: {self.date or 'unknown'}")
        lines.append(f"Issuer: {self.issuer or 'unknown'}")
        lines.append(f"Level: {level_label(self.level)}")
        if self.stub:
            lines.append("(known only from citations)")
        return "\n".join(lines)


def hover(n: NodeInfo, lang: str) -> str:
    """``NodeInfo.hover`` in ``lang``, named by the ontology's labels, dates as dd/mm/yyyy."""
    lab = labels(lang)
    lines = [n.label]
    if n.title and n.title != n.label:
        lines.append(n.title if len(n.title) <= 300 else n.title[:299] + "…")
    lines += [f"{lab.fact['date'].capitalize()}: {ddmmyyyy(n.date) or '?'}",
              f"{lab.fact['issuer'].capitalize()}: {n.issuer or '?'}",
              f"{lab.fact['level'].capitalize()}: {lab.level.get(n.level or '', '?')}"]  # fmt: skip
    if n.stub:
        lines.append(f"({lab.fact['stub']})")
    return "\n".join(lines)


@dataclass(frozen=True)
class EdgeInfo:
    source: str
    target: str
    relation: str


@dataclass
class Subgraph:
    """The documents reached from ``center`` and the links between them."""

    center: str
    mode: str
    depth: int
    relations: tuple[str, ...]
    nodes: dict[str, NodeInfo] = field(default_factory=dict)
    edges: list[EdgeInfo] = field(default_factory=list)
    truncated: bool = False


def level_label(level: str | None) -> str:
    return LEVELS.get(level or "", UNKNOWN_LEVEL)[0]


def level_colour(level: str | None) -> str:
    return LEVELS.get(level or "", UNKNOWN_LEVEL)[1]


def legend() -> dict[str, list[tuple[str, str]]]:
    """(label, colour) of the node levels and of the edge relations, for the page's legend."""
    return {
        "levels": [*LEVELS.values(), UNKNOWN_LEVEL],
        "relations": [(r.replace("_", " "), c) for r, c in RELATION_COLOURS.items()],
    }


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in iris)


def _check_relations(relations: Sequence[str]) -> tuple[str, ...]:
    unknown = [r for r in relations if r not in vocab.RELATION_IRI]
    if unknown:
        raise query.QueryError(
            f"Unknown relation {', '.join(map(repr, unknown))}; use one of {', '.join(RELATIONS)}.",
            "rel",
        )
    return tuple(dict.fromkeys(relations))


def _step(store: Store, frontier: Sequence[str], direction: str, preds: Sequence[str]
          ) -> list[EdgeInfo]:  # fmt: skip
    """Links leaving (``out``) or entering (``in``) the frontier documents: the query layer's
    step, from the store's read model when it is current, else by indexed SPARQL lookups."""
    up = direction == "out"
    return [
        EdgeInfo(a, b, vocab.IRI_RELATION[p]) if up else EdgeInfo(b, a, vocab.IRI_RELATION[p])
        for a, p, b in query.neighbours(store, frontier, list(preds), up)
    ]


def default_relations(mode: str) -> tuple[str, ...]:
    """Lineage and impact follow what carries policy down (the query layer's default, no
    ``cites``); a neighbourhood shows every kind of link."""
    return RELATIONS if mode == "neighbourhood" else query.STRUCTURAL


def subgraph(
    store: Store,
    key: str,
    mode: str = "neighbourhood",
    depth: int = 2,
    relations: Sequence[str] | None = None,
    max_nodes: int = MAX_NODES,
) -> Subgraph:
    """The documents within ``depth`` links of the document ``key``.

    lineage: what it carries out or rests on, up to the roots (graph/query.py ``lineage``);
    impact: what carries it out, amends it … (``impact``); neighbourhood: links followed both
    ways, so siblings and cousins show too. Raises ``query.QueryError`` naming the parameter.
    """
    if mode not in MODES:
        raise query.QueryError(f"Unknown mode {mode!r}; use one of {', '.join(MODES)}.", "mode")
    if not 1 <= depth <= MAX_DEPTH:
        raise query.QueryError(f"depth must be between 1 and {MAX_DEPTH}, not {depth}.", "depth")
    rels = _check_relations(relations) if relations else default_relations(mode)
    center = vocab.doc_iri(key)
    if mode != "neighbourhood":
        t = query.traverse(
            store, key, mode, relations=rels, max_depth=depth, limit=max_nodes - 1,
            with_evidence=False,
        )  # fmt: skip
        nodes = with_weights(store, [t.root, *(n.doc for n in t.nodes)])
        edges = [
            EdgeInfo(vocab.doc_iri(e.subject), vocab.doc_iri(e.object), e.relation) for e in t.edges
        ]
        return Subgraph(center, mode, depth, rels, nodes, edges, t.truncated)
    if not query.exists(store, key):
        raise query.DocumentNotFound(key, [], "key")
    preds = [vocab.RELATION_IRI[r] for r in rels]
    seen: set[str] = {center}
    found_edges: dict[tuple[str, str, str], EdgeInfo] = {}
    frontier = [center]
    truncated = False
    for _ in range(depth):
        if not frontier:
            break
        found = _step(store, frontier, "out", preds) + _step(store, frontier, "in", preds)
        nxt: list[str] = []
        for e in sorted(found, key=lambda e: (e.source, e.relation, e.target)):
            for end in (e.source, e.target):
                if end not in seen:
                    if len(seen) >= max_nodes:
                        truncated = True
                        continue
                    seen.add(end)
                    nxt.append(end)
            if e.source in seen and e.target in seen:
                found_edges[(e.source, e.relation, e.target)] = e
        frontier = nxt
    # Links among the documents shown that the walk did not follow (two documents reached at
    # the same depth that also link each other) keep the picture honest.
    if len(seen) > 1:
        for e in _among(store, sorted(seen), preds):
            found_edges.setdefault((e.source, e.relation, e.target), e)
    nodes = node_info(store, sorted(seen))
    return Subgraph(center, mode, depth, rels, nodes, list(found_edges.values()), truncated)


def _among(store: Store, iris: Sequence[str], preds: Sequence[str]) -> list[EdgeInfo]:
    among = set(iris)
    return [e for e in _step(store, iris, "out", preds) if e.target in among]


def node_info(store: Store, iris: Sequence[str]) -> dict[str, NodeInfo]:
    """What the pictures show of each document (graph/summary.py picks among conflicting
    facts: the document's own file first), plus how often it is implemented or cited."""
    docs = summaries(store, iris)
    return with_weights(store, [docs[i] for i in iris if i in docs])


def with_weights(store: Store, docs: Sequence[DocSummary]) -> dict[str, NodeInfo]:
    """The documents as NodeInfo, weighed by the documents that implement, rest on, follow the
    guidance of or cite them (from the read model when current)."""
    preds = [vocab.RELATION_IRI[r] for r in WEIGHT_RELATIONS]
    iris = [d.iri for d in docs]
    model = store.read_model()
    if model is not None:
        return {
            d.iri: from_summary(d, len({s for _, s in model.neighbours(d.iri, preds, up=False)}))
            for d in docs
        }
    weights = _values(preds)
    counts: dict[str, int] = {}
    for i in range(0, len(iris), 400):
        rows = store.select(
            f"SELECT ?d (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES ?d {{ {_values(iris[i : i + 400])} }} "
            f"VALUES ?p {{ {weights} }} ?s ?p ?d }} GROUP BY ?d"
        )
        counts.update({str(r["d"]): int(str(r.get("n", 0))) for r in rows})
    return {d.iri: from_summary(d, counts.get(d.iri, 0)) for d in docs}


def from_summary(d: DocSummary, weight: int = 0) -> NodeInfo:
    return NodeInfo(
        iri=d.iri,
        key=d.key,
        symbol=d.symbol,
        title=d.title,
        date=d.date,
        issuer=d.issuer,
        level=d.level,
        stub=d.stub,
        weight=weight,
        name=display_name(d),
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def options(n_nodes: int, n_edges: int) -> dict[str, Any]:
    """vis-network options: stabilise once, then the page turns physics off (see graph.js).

    Large pictures drop what costs most per frame (smooth curves, edge labels until zoomed in,
    the improved initial layout, which is quadratic) so 1,000 nodes stay responsive.
    """
    large = n_nodes > 150 or n_edges > 300
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 7},  # positions come from the server
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -80 if not large else -40,
                "centralGravity": 0.01,
                "springLength": 140 if not large else 80,
                "springConstant": 0.08,
                "avoidOverlap": 0.3,
            },
            "maxVelocity": 60,
            "minVelocity": 1.0,
            "stabilization": {
                "enabled": True,
                "iterations": 250 if not large else 80,  # from radial_positions: relax only
                "updateInterval": 50,
                "fit": True,
            },
        },
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"min": 10, "max": 45, "label": {"enabled": False}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "smooth": {"enabled": not large, "type": "continuous"},
            "font": {"size": 10, "align": "middle", "strokeWidth": 3},
            "width": 1.2,
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        },
    }


def radial_positions(sub: Subgraph) -> dict[str, tuple[float, float]]:
    """A starting layout: the document in the middle, each further link one ring out, every
    branch in its own slice of the circle (sized by its leaves). Physics then only has to
    relax it, which is what keeps 1,000 nodes quick to settle."""
    adj: dict[str, set[str]] = {i: set() for i in sub.nodes}
    for e in sub.edges:
        if e.source in adj and e.target in adj:
            adj[e.source].add(e.target)
            adj[e.target].add(e.source)
    children: dict[str, list[str]] = {}
    depth = {sub.center: 0}
    order = [sub.center]
    for node in order:  # breadth-first: ``order`` grows while it is read
        kids = sorted(n for n in adj.get(node, ()) if n not in depth)
        for k in kids:
            depth[k] = depth[node] + 1
        children[node] = kids
        order += kids
    leaves: dict[str, int] = {}
    for node in reversed(order):
        leaves[node] = sum(leaves[k] for k in children[node]) or 1
    per_ring = Counter(depth.values())
    radius = {0: 0.0}
    for d in range(1, max(per_ring) + 1):
        radius[d] = max(radius[d - 1] + 170.0, per_ring[d] * 30.0 / (2 * math.pi))
    pos: dict[str, tuple[float, float]] = {}

    def place(node: str, start: float, width: float) -> None:
        a = start + width / 2
        r = radius[depth[node]]
        pos[node] = (round(r * math.cos(a), 1), round(r * math.sin(a), 1))
        for k in children[node]:
            share = width * leaves[k] / leaves[node]
            place(k, start, share)
            start += share

    if sub.center in sub.nodes:
        place(sub.center, 0.0, 2 * math.pi)
    rest = [n for n in sub.nodes if n not in pos]  # not linked to the rest: an outer ring
    outer = radius[max(radius)] + 200.0
    for i, n in enumerate(rest):
        a = 2 * math.pi * i / len(rest)
        pos[n] = (round(outer * math.cos(a), 1), round(outer * math.sin(a), 1))
    return pos


def to_network(
    sub: Subgraph, height: str = "720px", notebook: bool = False, lang: str | None = None
) -> Network:
    """The pyvis network of a walk; node ids are document IRIs; ``lang``: relations and levels
    named by the ontology in that language (graph/labels.py), else by their English names."""
    names = labels(lang).relation if lang else {r: r.replace("_", " ") for r in RELATIONS}
    levels = labels(lang).level if lang else {}
    net = Network(
        height=height,
        width="100%",
        directed=True,
        notebook=notebook,
        cdn_resources="in_line",
        heading="",
    )
    large = len(sub.nodes) > 150 or len(sub.edges) > 300
    pos = radial_positions(sub)
    for iri, n in sub.nodes.items():
        net.add_node(
            iri,
            x=pos[iri][0],
            y=pos[iri][1],
            label=n.label,
            title=hover(n, lang) if lang else n.hover,
            color={
                "background": level_colour(n.level),
                "border": "#000000" if iri == sub.center else level_colour(n.level),
                "highlight": {"background": level_colour(n.level), "border": "#000000"},
            },
            value=1 + n.weight,
            borderWidth=4 if iri == sub.center else 1,
            shapeProperties={"borderDashes": [4, 3] if n.stub else False},
            meta={
                "key": n.key,
                "title": n.title,
                "date": n.date,
                "date_shown": ddmmyyyy(n.date) if lang else n.date,
                "issuer": n.issuer,
                "level": levels.get(n.level or "") or level_label(n.level),
            },
        )
    for e in sub.edges:
        net.add_edge(
            e.source,
            e.target,
            label="" if large else names[e.relation],
            title=names[e.relation],
            color=RELATION_COLOURS.get(e.relation, "#999999"),
            id=f"{e.source}|{e.relation}|{e.target}",  # stable: expanding adds no duplicates
            relation=e.relation,
        )
    net.options = options(len(sub.nodes), len(sub.edges))  # type: ignore[assignment]
    return net


def vis_data(net: Network) -> dict[str, Any]:
    """Nodes, edges and options as plain JSON-ready data for a page template."""
    nodes, edges, _heading, _height, _width, _opts = net.get_network_data()
    opts = net.options if isinstance(net.options, dict) else net.options.__dict__
    return {"nodes": nodes, "edges": edges, "options": opts}


_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)


def standalone_html(
    net: Network, title: str = "legal-graph", options: dict[str, Any] | None = None
) -> str:
    """One HTML file holding the picture, the legend and vis-network itself (no network access).
    ``options`` replaces the vis-network options (the benchmark's baseline uses the defaults)."""
    data = vis_data(net)
    if options is not None:
        data["options"] = options
    return _env.get_template("standalone.html").render(
        title=title,
        data=data,
        height=net.height,
        legend=legend(),
        vis_js=(VIS_DIR / "vis-network.min.js").read_text("utf-8"),
        vis_css=(VIS_DIR / "vis-network.css").read_text("utf-8"),
    )


# --- Lookups the pages need. Kept small: graph/query.py is the query layer proper. ---


def find_documents(store: Store, text: str, limit: int = 50) -> list[NodeInfo]:
    """Documents whose symbol, number or title contains what was typed (case-insensitive)."""
    words = [w for w in text.lower().split() if w]
    if not words:
        return []
    numbers = [w for w in words if any(c.isdigit() for c in w)]
    probes = numbers or words
    conds = " || ".join(f"CONTAINS(LCASE(STR(?v)), {_literal(w)})" for w in probes)
    rows = store.select(
        vocab.PREFIXES
        + f"""SELECT DISTINCT ?d WHERE {{
          ?d a lg:Document . {{ ?d eli:id_local ?v }} UNION {{ ?d eli:title ?v }}
          UNION {{ ?d lg:key ?v }} FILTER({conds}) }} LIMIT {int(limit) * 4}"""
    )
    info = node_info(store, [str(r["d"]) for r in rows])
    return sorted(info.values(), key=lambda n: (n.stub, -n.weight, n.label))[:limit]


def _literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\r", "\\r") + '"'
