"""Checks on a SPARQL text before any engine sees it: size, nesting depth, SERVICE.

Oxigraph's parser and evaluator recurse once per level of the query's tree, without a limit: a
query nesting a few thousand parentheses, braces or OPTIONALs, or a sum of 10,000 terms,
overflows the stack and kills the process. The tree's depth is read here by a small
tokenizer (strings, IRIs and comments skipped, so a ``(`` or a ``SERVICE`` inside them does not
count): the brackets open at a point, plus the binary operators and UNION / OPTIONAL / MINUS
chained at each open level (``1+1+1`` is a tree three deep). ``SERVICE`` makes the engine fetch
an address; it is refused unless its IRI is one the operator allows.

SPARQL reads ``\\uXXXX`` escapes anywhere in the text before parsing (so does Oxigraph):
they are decoded here too, so ``\\u0053ERVICE`` is a SERVICE.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from graph.errors import Problem

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""(?P<skip>\s+|\#[^\n\r]*)
      | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                   |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<var>[?$]\w+)
      | (?P<num>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
      | (?P<word>[\w:](?:[\w\-.:%]*[\w\-:%])?)
      | (?P<op>&&|\|\||!=|<=|>=|\^\^)
      | (?P<char>.)""",
    re.VERBOSE | re.DOTALL,
)
_OPEN, _CLOSE = frozenset("({["), frozenset(")}]")
_CHAINS = frozenset(["+", "-", "*", "/", "|", "=", "<", ">", "&&", "||", "!=", "<=", ">="])
_CHAIN_WORDS = frozenset(["UNION", "OPTIONAL", "MINUS"])


@dataclass(frozen=True)
class QueryLimits:
    max_bytes: int = 1 << 20
    max_depth: int = 400
    services: Collection[str] = ()  # SERVICE IRIs the operator allows


class QueryTooLarge(Problem):
    status, kind, title = 413, "query-too-large", "Query too large"


class QueryTooDeep(Problem):
    status, kind, title = 400, "query-too-deep", "Query nested too deeply"


class ServiceRefused(Problem):
    status, kind, title = 403, "service-not-allowed", "SERVICE not allowed"


def unescape(text: str) -> str:
    """The text with SPARQL's codepoint escapes decoded (as the parser reads it)."""
    if "\\u" not in text and "\\U" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group(0)

    return _ESCAPE.sub(one, text)


_DEPTH_CHARS = "({[+-*/|=<>&!"  # every bracket and operator token has at least one of these


def _plainly_within(text: str, max_depth: int) -> bool:
    """True when no tokenizing is needed: no SERVICE and no escape that could spell one, and
    fewer brackets, operator characters and UNION / OPTIONAL / MINUS in the whole text than
    the depth limit (each level of depth needs one of them, so this bounds the depth)."""
    if "\\" in text:
        return False
    lower = text.lower()
    if "service" in lower:
        return False
    bound = sum(map(text.count, _DEPTH_CHARS))
    bound += lower.count("union") + lower.count("optional") + lower.count("minus")
    return bound <= max_depth


def check(text: str, limits: QueryLimits, what: str = "query") -> None:
    """Refuse ``text`` (a Problem naming the limit) when it is too large, too deep, or calls a
    SERVICE the operator does not allow."""
    size = len(text.encode("utf-8"))
    if size > limits.max_bytes:
        raise QueryTooLarge(
            f"The {what} has {size} bytes; the endpoint's limit "
            f"(LEGAL_GRAPH_SPARQL_MAX_QUERY_BYTES) is {limits.max_bytes}.",
            limit=limits.max_bytes,
        )
    if _plainly_within(text, limits.max_depth):
        return
    chains: list[int] = []  # per open bracket: operators chained at that level
    depth = deepest = 0
    after_service = False
    for m in _TOKEN.finditer(unescape(text)):
        kind = m.lastgroup
        if kind == "skip":
            continue
        token = m.group()
        if after_service:
            if kind == "word" and token.upper() == "SILENT":
                continue
            after_service = False
            iri = token[1:-1] if kind == "iri" else None
            if iri is None or iri not in limits.services:
                allowed = ", ".join(sorted(limits.services)) or "none"
                raise ServiceRefused(
                    f"SERVICE {token} is not allowed: this endpoint calls only the SERVICE "
                    f"IRIs its operator lists (LEGAL_GRAPH_SPARQL_SERVICES; now: {allowed}).",
                    service=token,
                )
            continue
        if kind == "char" and token in _OPEN:
            chains.append(0)
            depth += 1
        elif kind == "char" and token in _CLOSE:
            if chains:
                depth -= 1 + chains.pop()
        elif kind == "word":
            upper = token.upper()
            if upper == "SERVICE":
                after_service = True
            elif upper in _CHAIN_WORDS and chains:
                chains[-1] += 1
                depth += 1
        elif token in _CHAINS and chains:
            chains[-1] += 1
            depth += 1
        if depth > deepest:
            deepest = depth
            if deepest > limits.max_depth:
                raise QueryTooDeep(
                    f"The {what} nests deeper than the endpoint's limit "
                    f"(LEGAL_GRAPH_SPARQL_MAX_DEPTH) of {limits.max_depth} levels (brackets, "
                    "and operators or UNION/OPTIONAL/MINUS chained within one): split it, or "
                    "use VALUES or IN for long alternatives.",
                    limit=limits.max_depth,
                )
    if after_service:
        raise ServiceRefused("SERVICE needs an IRI.", service="")
