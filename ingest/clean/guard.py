"""Cheap pre-checks for the line rules: the words a regex cannot match without.

Most chrome rules fail on most lines, and a failing unanchored regex still
tries every position of the line. `needs` reads a compiled pattern's syntax
tree and returns strings of which every match contains at least one (after
`fold`); a plain `in` test on the folded line then rules the regex out
without running it. The strings are derived from the pattern itself, so a
guard can never reject a line the pattern would match, and stays right
when a rule is edited.
"""

from __future__ import annotations

import re

try:  # the parser behind `re`, public as sre_parse before Python 3.11
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover - a Python without it runs every rule
    _parser = None


def fold(text: str) -> str:
    """Lower-case the way re.IGNORECASE compares Latin text: "İ", "ı", "I" and "i" are one letter, "ſ" is "s"."""
    return text.replace("İ", "i").lower().replace("ı", "i").replace("ſ", "s")


# A guard of more strings than this costs more than it saves; so does one for a regex
# that fails on a line's first character (anchored, or opening with punctuation re scans for).
_MAX_STRINGS = 20


def needs(pattern: re.Pattern) -> tuple[str, ...] | None:
    """The strings to test a line for before running `pattern`, or None where running it is cheaper."""
    if _parser is None or not isinstance(pattern.pattern, str):
        return None
    try:
        items = list(_parser.parse(pattern.pattern, pattern.flags))
        found = _sequence(items)
    except Exception:  # an unknown node kind: no guard, the rule simply always runs
        return None
    if not found or len(found) > _MAX_STRINGS:
        return None
    if items[:1] == [(_c.AT, _c.AT_BEGINNING)] and _fails_fast(items[1:], anchored=True):
        return None
    if items[:1] != [(_c.AT, _c.AT_BEGINNING)] and _fails_fast(items, anchored=False):
        return None
    # "del" already finds every line "delen" would: test the shorter only.
    return tuple(sorted(s for s in found if not any(t != s and t in s for t in found)))


def first_chars(pattern: re.Pattern) -> frozenset[str] | None:
    """For a pattern anchored at the start: the folded characters a matching line can begin with, if few."""
    if _parser is None or not isinstance(pattern.pattern, str):
        return None
    try:
        items = list(_parser.parse(pattern.pattern, pattern.flags))
        if items[:1] != [(_c.AT, _c.AT_BEGINNING)]:
            return None
        chars, empty = _first(items[1:])
    except Exception:
        return None
    return None if chars is None or empty else frozenset(chars)


def _first(items: list) -> tuple[set[str] | None, bool]:
    """Characters the first consumed one may be (None: any), and whether the run can match nothing."""
    chars: set[str] = set()
    for op, arg in items:
        if op is _c.LITERAL:
            return chars | {fold(chr(arg))}, False
        if op is _c.IN:
            if not all(kind is _c.LITERAL for kind, _ in arg):
                return None, False
            return chars | {fold(chr(c)) for _, c in arg}, False
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # consumes nothing: the next node's character comes first
        if op is _c.SUBPATTERN:
            more, empty = _first(list(arg[-1]))
        elif op is _c.BRANCH:
            more, empty = set(), False
            for branch in arg[1]:
                some, none = _first(list(branch))
                if some is None:
                    return None, False
                more, empty = more | some, empty or none
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            more, empty = _first(list(arg[2]))
            empty = empty or arg[0] == 0
        else:
            return None, False
        if more is None:
            return None, False
        chars |= more
        if not empty:
            return chars, False
    return chars, True


def _fails_fast(items: list, anchored: bool) -> bool:
    """Whether the first character decides: a fixed start, or (unanchored) one that re scans for in C."""
    if not items:
        return False
    op, arg = items[0]
    if op is _c.LITERAL:
        return anchored or chr(arg).lower() == chr(arg).upper()
    if op is _c.IN:
        return all(kind is _c.LITERAL and (anchored or chr(c).lower() == chr(c).upper()) or kind is _c.RANGE
                   or kind is _c.CATEGORY and c is _c.CATEGORY_DIGIT for kind, c in arg)
    if op is _c.SUBPATTERN:
        return _fails_fast(list(arg[-1]) + items[1:], anchored)
    if op is _c.BRANCH:
        return all(_fails_fast(list(branch) + items[1:], anchored) for branch in arg[1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, high, body = arg
        if low >= 1:
            return _fails_fast(list(body), anchored)
        return high <= 1 and _fails_fast(list(body), anchored) and _fails_fast(items[1:], anchored)
    return False


def _sequence(items: list) -> frozenset[str] | None:
    """What a run of nodes needs: its longest literal run, or the most selective need of one node."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, arg in items:
        if op is _c.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            options.append(frozenset({fold("".join(run))}))
            run = []
        need = _node(op, arg)
        if need:
            options.append(need)
    if run:
        options.append(frozenset({fold("".join(run))}))
    return max(options, key=_selectivity, default=None)


def _selectivity(need: frozenset[str]) -> tuple[int, int]:
    """Longer strings are rarer, and fewer alternatives are fewer tests."""
    return min(map(len, need)), -len(need)


def _node(op, arg) -> frozenset[str] | None:
    if op is _c.SUBPATTERN:
        return _sequence(list(arg[-1]))
    if op is _c.ATOMIC_GROUP:
        return _sequence(list(arg))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, _high, body = arg
        return _sequence(list(body)) if low >= 1 else None
    if op is _c.ASSERT:  # a lookahead's or lookbehind's text is in the line too
        return _sequence(list(arg[1]))
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in arg[1]:
            need = _sequence(list(branch))
            if not need:
                return None
            union |= need
        return frozenset(union)
    return None  # classes, anchors, negative assertions, back-references: nothing certain
