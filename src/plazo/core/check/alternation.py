"""Alternations rewritten so that ``re`` tries fewer alternatives: the same matches, found faster.

At each position, ``re`` tries an alternation's alternatives one after the other. One that starts
with a literal character is dropped after one comparison, but one that starts with a group
(``(?:we|i) regret``) is entered first, and a lexicon rule has dozens of them at every word.
:func:`factor` groups the alternatives by their first character, so that a position is tested
once per distinct first character::

    sorry|so late|(?:we|i) regret   ->   so(?:rry| late)|we regret|i regret

Every step keeps the order in which a backtracking engine tries the paths, so each match (and
each failure) is the same, span for span:

1. ``cA|cB`` is ``c(?:A|B)``: the engine consumes ``c`` one way, then tries A, then B.
2. ``(?:A|B)T`` is ``AT|BT`` (no capturing group is renumbered: patterns with one are left as
   they are). A leading group is split so only when the tail it copies is short
   (``_SPLIT_BUDGET``): a longer pattern costs more to compile (``plazo check`` compiles one
   lexicon per process) than it saves.
3. Two alternatives that start with different literal characters never match at the same
   position, so the order between them does not matter. An alternative that does not start with a
   literal (``\\w+``, a class, a look-around, an empty one) can match where the others do: it keeps
   its place, and only the runs between such alternatives are grouped.

Inside look-behinds nothing is rewritten, and a pattern with inline flags, capturing groups,
backreferences or comments is returned unchanged.
"""

from __future__ import annotations

import re
from typing import cast

__all__ = ["alternatives", "branch_end", "factor"]

# how many characters the split of a leading group may copy (its tail times the extra branches)
_SPLIT_BUDGET = 100
_QUANTIFIERS = frozenset("?*+{")
# the first characters of a token that is not a run of plain characters
_NOT_PLAIN = frozenset("\\[?*+{}.^$")
# what this module does not rewrite: a capturing group, ``(?P…``, inline flags, an atomic
# group or a comment, and a backreference
_UNSAFE = re.compile(r"\((?!\?(?::|<?[=!]))|\\[1-9]")
# an escape, a class (a "]" first is a member), a group's opening, a bar or a closing, a run
# of plain characters, or one other character (a quantifier, a brace, ".", "^" or "$")
_TOKEN = re.compile(
    r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\(\?(?::|<?[=!])|[()|]"
    r"|[^\\\[()|?*+{}.^$]+|[?*+{}.^$]",
    re.DOTALL,
)

# A parsed pattern: its branches, each a list of items: a token, or a group (its opening and
# its branches).
Group = tuple[str, list[list["Item"]]]
Item = str | Group
Branch = list[Item]


def branch_end(pattern: str, at: int) -> int:
    """The index of the ``|`` or ``)`` that ends the branch going on at ``at`` (or the end)."""
    depth, escaped, class_from = 0, False, -1  # class_from: where a "]" would be a member
    for index in range(at, len(pattern)):
        char = pattern[index]
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif class_from >= 0:
            if char == "^" and index == class_from and pattern[index - 1] == "[":
                class_from += 1
            elif char == "]" and index > class_from:
                class_from = -1
        elif char == "[":
            class_from = index + 1
        elif char == "(":
            depth += 1
        elif char in "|)" and depth == 0:
            return index
        elif char == ")":
            depth -= 1
    return len(pattern)


def alternatives(pattern: str) -> list[str]:
    """``pattern`` cut at each ``|`` outside every group and character class."""
    pieces: list[str] = []
    depth, in_class, escaped, begin = 0, False, False, 0
    for index, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            pieces.append(pattern[begin:index])
            begin = index + 1
    pieces.append(pattern[begin:])
    return pieces


def factor(pieces: list[str]) -> str:
    """The alternation of ``pieces`` (each without a ``|`` outside a group), factored by first
    characters; their plain alternation when it is not safe to rewrite."""
    joined = "|".join(pieces)
    if _UNSAFE.search(joined):
        return joined
    try:
        branches = _parse(joined)
    except ValueError:  # unbalanced: re.compile will say so, of the pattern as written
        return joined
    return _text(_grouped([_inside(branch) for branch in branches]))


def _parse(pattern: str) -> list[Branch]:
    """The branches of ``pattern``, its groups nested."""
    tokens = _TOKEN.findall(pattern)
    if sum(map(len, tokens)) != len(pattern):
        raise ValueError("a character no token covers (a lone backslash, an open class)")
    stack: list[tuple[str, list[Branch]]] = [("", [[]])]
    for token in tokens:
        if token == "|":
            stack[-1][1].append([])
        elif token == ")":
            if len(stack) == 1:
                raise ValueError("unbalanced )")
            group = stack.pop()
            stack[-1][1][-1].append(group)
        elif token.startswith("("):
            stack.append((token, [[]]))
        else:
            stack[-1][1][-1].append(token)
    if len(stack) != 1:
        raise ValueError("unbalanced (")
    return stack[0][1]


def _text(branches: list[Branch]) -> str:
    out: list[str] = []
    _write(branches, out)
    return "".join(out)


def _write(branches: list[Branch], out: list[str]) -> None:
    for index, branch in enumerate(branches):
        if index:
            out.append("|")
        for item in branch:
            if isinstance(item, str):
                out.append(item)
            else:
                out.append(item[0])
                _write(item[1], out)
                out.append(")")


def _inside(branch: Branch) -> Branch:
    """``branch`` with the alternation inside each of its groups factored (not in look-behinds:
    they must keep a fixed width, and are short)."""
    return [
        item
        if isinstance(item, str) or item[0].startswith("(?<")
        else (item[0], _grouped([_inside(inner) for inner in item[1]]))
        for item in branch
    ]


def _grouped(branches: list[Branch]) -> list[Branch]:
    """Step 2 on each branch, then steps 1 and 3 over the list (and again on the remainders)."""
    out: list[Branch] = []
    run: dict[str, list[Branch]] = {}  # first character -> the remainders, in order

    def close_run() -> None:
        for first, rests in run.items():
            shared = _shared(rests) if len(rests) > 1 else ""
            if shared:  # what a step per character would find: "apolog(?:y|ies)"
                rests = [[cast(str, rest[0])[len(shared) :], *rest[1:]] for rest in rests]
            inner = rests if len(rests) == 1 else _grouped(rests)
            # one branch needs no group: "apolog(?:y|ies)", not "a(?:p(?:o(?:l(?:…"
            head = first + shared
            out.append([head, *inner[0]] if len(inner) == 1 else [head, ("(?:", inner)])
        run.clear()

    for split in (piece for branch in branches for piece in _split_leading_group(branch)):
        found = _head(split)
        if found is None:
            close_run()
            out.append(split)
        else:
            run.setdefault(found[0], []).append(found[1])
    close_run()
    return out


def _shared(rests: list[Branch]) -> str:
    """The plain characters every one of ``rests`` starts with, short of the last character of
    each one's first run (which a quantifier may follow)."""
    first = rests[0][0] if rests[0] else ""
    if not isinstance(first, str) or not first or first[0] in _NOT_PLAIN:
        return ""
    limit = len(first) - 1
    for rest in rests[1:]:
        token = rest[0] if rest else ""
        if not isinstance(token, str) or not token or token[0] in _NOT_PLAIN:
            return ""
        limit = min(limit, len(token) - 1)
        while limit and token[:limit] != first[:limit]:
            limit -= 1
        if not limit:
            return ""
    return first[:limit]


def _head(branch: Branch) -> tuple[str, Branch] | None:
    """The literal first character of ``branch`` (``a``, ``\\.``) and what follows it, or None
    when it starts otherwise or that character is quantified."""
    if not branch or not isinstance(branch[0], str):
        return None
    token = branch[0]
    if token[0] == "\\":
        if token[1].isalnum():
            return None  # \b, \w, \d, \u00f1…
    elif token[0] in "[?*+{}.^$":
        return None
    if len(token) > 1 and token[0] != "\\":
        return token[0], [token[1:], *branch[1:]]
    after = branch[1] if len(branch) > 1 else ""
    if isinstance(after, str) and after[:1] in _QUANTIFIERS:
        return None
    return token, branch[1:]


def _split_leading_group(branch: Branch) -> list[Branch]:
    """``(?:A|B|C)T`` as ``a(?:A'|C')T`` and ``b B'T`` when A and C start with ``a`` and B with
    ``b`` (the group unquantified, each of its branches starting with a literal, the copies of T
    within budget); else ``[branch]``."""
    if not branch or isinstance(branch[0], str) or branch[0][0] != "(?:":
        return [branch]
    tail = branch[1:]
    if tail and isinstance(tail[0], str) and tail[0][:1] in _QUANTIFIERS:
        return [branch]
    by_head: dict[str, list[Branch]] = {}
    for inner in branch[0][1]:
        found = _head(inner)
        if found is None:
            return [branch]
        by_head.setdefault(found[0], []).append(found[1])
    if len(by_head) > 1 and (len(by_head) - 1) * len(_text([tail])) > _SPLIT_BUDGET:
        return [branch]
    return [
        [first, *(rests[0] if len(rests) == 1 else [("(?:", rests)]), *tail]
        for first, rests in by_head.items()
    ]
