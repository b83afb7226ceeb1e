"""``check``: find the seven elements and the three warnings in one delay message."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

from plazo.core.check.dates import find_dates, find_new_dates
from plazo.core.check.features import (
    Segment,
    lexical_features,
    message_marks,
    segment,
    signal_features,
)
from plazo.core.check.learned import LABELS, CheckModel, CheckModelError, Floats, default_model
from plazo.core.check.lexicon import LANGUAGES, Lexicon, Rule, for_message, stopwords
from plazo.core.check.model import (
    ELEMENTS,
    WARNINGS,
    CheckError,
    CheckReport,
    ElementResult,
    Finding,
    Span,
)
from plazo.core.check.scopes import Scopes
from plazo.core.check.score import score
from plazo.core.check.text import Prepared, prepare
from plazo.core.check.units import (
    MIN_WORDS,
    alone,
    clause_segments,
    clause_signals,
    merge,
    neighbours,
)

__all__ = [
    "Analysis",
    "analyse",
    "announced_plan",
    "check",
    "check_with",
    "clause_units",
    "combined_rules",
    "detect_language",
    "language_shares",
    "model_report",
    "rules_report",
    "sentence_features",
    "sentence_probabilities",
    "sentence_signals",
    "sentences",
    "unit_signals",
    "unsaid",
]

# Rules that are not labels: cues that cancel one (the sender owns the delay; "feel free"), and
# the explicit apology expressions without which a sentence cannot carry an apology (``gate``).
_APOLOGY_WORD = "apology_word"
_CUE_RULES = frozenset({"owns_delay", "not_compensation", _APOLOGY_WORD})
# Dates that are not the completion (a header line, an update or a call, a past event): used by
# the date rules only, not a signal (its lead-ins match without a date too: "te aviso en cuanto…").
_OTHER_DATE = "other_date"
# A sentence that states the completion date ("The new completion date is…"): when there is one,
# the other new dates (the client's event, the plan's steps) are not the new_date evidence.
_COMPLETION_DATE = "completion_date"
_WORD = re.compile(r"[a-z\u00f1]+")
_BEFORE_WINDOW = 60
_AFTER_WINDOW = 60
_DEFAULT_MESSAGES = {
    "vague_timing": "Vague timing: give a concrete new date instead.",
    "blames_client": "This reads as blaming the client; own the delay instead.",
    "unknown_date": "No date is committed: give a new date, even a conservative one.",
}


def _stopword_counts(folded: str) -> dict[str, int]:
    words = _WORD.findall(folded[:20_000])
    return {lang: sum(map(stopwords(lang).__contains__, words)) for lang in LANGUAGES}


def detect_language(folded: str) -> str:
    """The language whose stop words are most frequent in ``folded`` text."""
    counts = _stopword_counts(folded)
    best = max(LANGUAGES, key=lambda lang: counts[lang])
    if counts[best] == 0:
        raise CheckError(
            "could not tell the language of the message; pass --lang es or --lang en", "language"
        )
    return best


def language_shares(text: str | bytes) -> dict[str, float]:
    """Share of each language's stop words in ``text`` (to warn about mixed-language messages)."""
    counts = _stopword_counts(prepare(text).folded)
    total = sum(counts.values()) or 1
    return {lang: count / total for lang, count in counts.items()}


def _matches(
    rule: Rule, lex: Lexicon, folded: str, scopes: Scopes
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans where ``rule`` matches and no scope (quote, negation, condition) rules it out, and
    the spans it matched that a scope ruled out."""
    if rule.find is None:
        return [], []
    spans: list[tuple[int, int]] = []
    dropped: list[tuple[int, int]] = []
    for match in rule.find.finditer(folded):
        start, end = match.span()
        if end == start:
            continue
        if (
            (not rule.quotable and scopes.in_quote(start, end))
            or (rule.negatable and scopes.negated(folded, start, lex.negation))
            or (rule.skip_hypothetical and scopes.hypothetical(folded, start, lex.hypothetical))
        ):
            dropped.append((start, end))
            continue
        if rule.not_before is not None:
            sentence_start, _ = scopes.sentence(start)
            left = max(sentence_start, start - _BEFORE_WINDOW)
            if rule.not_before.search(folded, left, start):
                dropped.append((start, end))
                continue
        if rule.not_after is not None:
            _, sentence_end = scopes.sentence(start)
            if rule.not_after.match(folded, end, min(sentence_end, end + _AFTER_WINDOW)):
                dropped.append((start, end))
                continue
        spans.append((start, end))
    return spans, dropped


def _span(prepared: Prepared, start: int, end: int) -> Span:
    text = prepared.visible[start:end]
    first, last = prepared.original(start, end)
    return Span(first, last, text)


@dataclass(frozen=True)
class Analysis:
    """What the exact rules found in one message (the rules' verdict and the model's signals)."""

    prepared: Prepared
    lang: str
    lex: Lexicon
    scopes: Scopes
    found: dict[str, list[tuple[int, int]]]  # the rules' decision per element and warning
    raw: dict[str, list[tuple[int, int]]]  # every rule's kept matches, before combining
    dropped: dict[str, list[tuple[int, int]]]  # matches a quotation, negation or condition undid
    dates: list[tuple[int, int]]  # every parsed date or duration, old or new
    # every new date (the model's signals); found["new_date"] keeps, when a sentence states the
    # completion date, only that sentence's (the evidence)
    new_dates: list[tuple[int, int]]

    @cached_property
    def marks(self) -> tuple[int, list[tuple[int, int]]]:
        """Where forwarded text starts and the placeholders (read once for the sentences' and
        the clauses' signals)."""
        return message_marks(self.prepared.visible, self.prepared.folded)


def analyse(text: str | bytes, lang: str = "auto") -> Analysis:
    """Run the exact rules on one message; raise CheckError when it cannot be checked.

    1. Validate and prepare the text (HTML stripped, accents folded, offsets kept).
    2. Detect the language unless given, and load its lexicon.
    3. Match every rule within its scopes; dates are classified old or new.
    4. Vague timing only counts when no concrete new date was given.
    """
    if lang not in ("auto", *LANGUAGES):
        raise CheckError(f"unsupported language {lang!r}; use auto, es or en")
    prepared = prepare(text)
    folded = prepared.folded
    code = detect_language(folded) if lang == "auto" else lang
    lex = for_message(code)
    scopes = Scopes.of(prepared.visible)

    raw: dict[str, list[tuple[int, int]]] = {}
    dropped: dict[str, list[tuple[int, int]]] = {}
    for name, rule in lex.rules.items():
        if name in ELEMENTS or name in WARNINGS or name in _CUE_RULES:
            raw[name], dropped[name] = _matches(rule, lex, folded, scopes)
    found = dict(raw)
    found.pop("not_compensation", None)
    found.pop(_APOLOGY_WORD, None)
    if found.pop("owns_delay", None):
        # A client-side event the sender takes responsibility for is not blame.
        found["blames_client"] = []
    # Dates in a sentence that withholds a date or blames the client are not the new date.
    blocked = [
        scopes.sentence(start)
        for name in ("unknown_date", "blames_client")
        for start, _ in found.get(name, [])
    ]
    dates = find_dates(lex, folded)
    other_rule = lex.rules.get(_OTHER_DATE)
    other = [] if other_rule is None else _matches(other_rule, lex, folded, scopes)[0]
    # A date inside a vague horizon ("sometime next month", "after Christmas", "para fin de año")
    # is not a concrete new date: the guide counts the horizon as vague timing.
    vague = raw.get("vague_timing", [])
    found["new_date"] = [
        (start, end)
        for start, end in find_new_dates(lex, folded, scopes, blocked, dates)
        if not any(s <= start and end <= e for s, e in vague)
        # nor one that starts inside a date of something else or where its lead-in ends
        and not any(s <= start <= e for s, e in other)
    ]
    new_dates = found["new_date"]
    completion_rule = lex.rules.get(_COMPLETION_DATE)
    stated = [] if completion_rule is None else _matches(completion_rule, lex, folded, scopes)[0]
    completion = {
        scopes.sentence(start) for start, _ in new_dates if any(s <= start <= e for s, e in stated)
    }
    if completion:
        # the evidence is the sentence that states the completion; every new date stays a signal
        found["new_date"] = [d for d in new_dates if scopes.sentence(d[0]) in completion]
    if found["new_date"]:
        found["vague_timing"] = []
    if found.get("blames_client") and not found.get("cause"):
        # Blaming the client still names a cause, just the wrong owner of it.
        found["cause"] = list(found["blames_client"])
    return Analysis(prepared, code, lex, scopes, found, raw, dropped, dates, new_dates)


def _warning_message(lex: Lexicon, name: str) -> str:
    rule = lex.rules.get(name)
    return rule.message if rule is not None and rule.message else _DEFAULT_MESSAGES[name]


def rules_report(analysis: Analysis) -> CheckReport:
    """The rules' verdict alone (plazo's checker before the learned model)."""
    prepared, found = analysis.prepared, analysis.found
    elements = {
        name: ElementResult(
            present=bool(found.get(name)),
            evidence=tuple(_span(prepared, s, e) for s, e in found.get(name, [])),
        )
        for name in ELEMENTS
    }
    warnings: list[Finding] = []
    for name in WARNINGS:
        message = _warning_message(analysis.lex, name)
        for start, end in found.get(name, []):
            span = _span(prepared, start, end)
            warnings.append(Finding(name, span.start, span.end, span.text, message))
    warnings.sort(key=lambda f: (f.start, f.code))
    present = [name for name in ELEMENTS if elements[name].present]
    return CheckReport(
        lang=analysis.lang,
        score=score(present, (f.code for f in warnings)),
        elements=elements,
        warnings=tuple(warnings),
    )


def sentences(analysis: Analysis) -> list[Segment]:
    """The message's sentences, as the model sees them."""
    scopes = analysis.scopes
    return segment(analysis.prepared.visible, scopes.sentence_starts, scopes.sentence_ends)


_INLINE_HEADER = re.compile(r"[ \t]*:[ \t]*\w+(?:\W+\w+)+")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*\u2022\u2013]|\d{1,2}[.)])[ \t]+\S")


def announced_plan(analysis: Analysis, segments: list[Segment]) -> list[tuple[int, int]]:
    """Steps announced as the plan: a plan-rule match followed by a colon and the steps in the
    same sentence ("Estos son los próximos pasos: montaje el lunes"), or a header line ending
    with a colon followed by list items ("Nuestro plan para recuperar el retraso:" then
    "1. …"). The spans of the sentence, or of the header and its items; or nothing."""
    visible = analysis.prepared.visible
    plan = analysis.raw.get("plan", [])
    for seg in segments:
        # inline: "Here's what we're doing: two designers on it full time."
        for start, end in plan:
            if seg.start <= start < seg.end and _INLINE_HEADER.match(visible, end, seg.end):
                return [(seg.start, seg.end)]
    for index, seg in enumerate(segments[:-1]):
        if not visible[seg.start : seg.end].endswith(":"):
            continue
        if not any(seg.start <= start < seg.end for start, _ in plan):
            continue
        items = []
        for item in segments[index + 1 :]:
            # the item's line starts with a marker (the segmenter may have split "1." off)
            if not _LIST_ITEM.match(visible, visible.rfind("\n", 0, item.start) + 1):
                break
            items.append((item.start, item.end))
        if items:
            return [(seg.start, seg.end), *items]
    return []


def combined_rules(analysis: Analysis, segments: list[Segment]) -> dict[str, list[tuple[int, int]]]:
    """What the rules contribute to the combination: their findings, except that a plan counts
    only when a list is announced as the plan (the plan rule alone is not precise enough)."""
    found = dict(analysis.found)
    found["plan"] = announced_plan(analysis, segments)
    return found


def sentence_signals(analysis: Analysis, segments: list[Segment]) -> list[list[str]]:
    """The rules' signals of each sentence."""
    return signal_features(
        analysis.prepared.visible,
        analysis.prepared.folded,
        segments,
        analysis.raw,
        analysis.dropped,
        analysis.dates,
        analysis.new_dates,
        analysis.scopes.quotes,
        analysis.lex.negation,
        analysis.lex.hypothetical,
        analysis.marks,
    )


def clause_units(
    analysis: Analysis,
    segments: list[Segment],
    signals: list[list[str]],
    min_words: int = MIN_WORDS,
) -> tuple[list[int], list[Segment], list[list[str]]]:
    """The clauses of the sentences that join two statements (``units.clause_segments``): each
    clause's sentence, its span and its signals (``signals``: the sentences')."""
    parents, clauses = clause_segments(analysis.prepared.folded, segments, min_words)
    if not clauses:
        return [], [], []
    return parents, clauses, clause_signals(sentence_signals(analysis, clauses), parents, signals)


def unit_signals(
    signals: list[list[str]],
    lone: bool,
    sentences: int,
    context: bool = False,
    parents: Sequence[int] = (),
) -> list[list[str]]:
    """The signals the classifiers see for a message's units (sentences, then clauses whose
    sentences are ``parents``): with ``lone`` and one sentence, ``!only`` instead of ``!first``
    and ``!last``; with ``context``, the neighbouring sentences' rule matches."""
    if context:
        signals = neighbours(signals, sentences, parents)
    if lone and sentences == 1:
        return [alone(flags) for flags in signals]
    return signals


def sentence_features(
    analysis: Analysis, segments: list[Segment], signals: bool = True
) -> list[tuple[list[str], list[str]]]:
    """(lexical, signal) features of each sentence, as strings (for training)."""
    folded = analysis.prepared.folded
    lexical = [lexical_features(folded[seg.start : seg.end]) for seg in segments]
    flags = sentence_signals(analysis, segments) if signals else [[] for _ in segments]
    return list(zip(lexical, flags, strict=True))


# Labels a quotation or forwarded text cannot carry (a cause passed on still counts; a date
# relayed from a supplier is judged by the date rules).
_QUOTE_GATED = frozenset(LABELS) - {"cause", "new_date"}


def gate(probabilities: Floats, signals: list[list[str]], vetoes: tuple[str, ...] = ()) -> Floats:
    """Where the exact rules veto the model: quoted or forwarded sentences, sentences without a
    parsed date that is not the old deadline (new_date), a cue the rules ruled out (negated,
    quoted, another use) with no other cue for the same label in the sentence (``vetoes``),
    compensation in a sentence with a courtesy idiom ("feel free to call") and no offer the rules
    found, ``blames_client`` anywhere when the sender owns the delay ("that's on us"), and
    ``apology`` (when vetoed) in a sentence with no explicit apology expression (the rules'
    ``apology`` or ``apology_word`` match: sorry, apologise, regret, forgive, perdón, disculpa,
    lamento, lo siento…): a message that never apologises is not credited with an apology
    because the rest of it is complete."""
    gated = probabilities.copy()
    if "blames_client" in vetoes and any("!r:owns_delay" in flags for flags in signals):
        gated[:, LABELS.index("blames_client")] = 0.0
    new_date = LABELS.index("new_date")
    quoted = [LABELS.index(name) for name in sorted(_QUOTE_GATED)]
    cues = [("!x:" + name, "!r:" + name, LABELS.index(name)) for name in vetoes]
    compensation = LABELS.index("compensation")
    compensation_vetoed = "compensation" in vetoes
    apology = LABELS.index("apology") if "apology" in vetoes else None
    apology_cues = ("!r:apology", "!r:" + _APOLOGY_WORD)
    for row, flags_list in enumerate(signals):
        flags = set(flags_list)
        if "!newdate" not in flags:
            gated[row, new_date] = 0.0
        if "!quote" in flags or "!fwd" in flags:
            gated[row, quoted] = 0.0
        for ruled_out, kept, column in cues:
            if ruled_out in flags and kept not in flags:
                gated[row, column] = 0.0
        if (
            compensation_vetoed
            and "!r:not_compensation" in flags
            and ("!r:compensation" not in flags)
        ):
            gated[row, compensation] = 0.0
        if apology is not None and not any(cue in flags for cue in apology_cues):
            gated[row, apology] = 0.0
    return gated


def unsaid(top: Floats, vetoes: tuple[str, ...]) -> npt.NDArray[np.bool_]:
    """Per message (rows of ``top``: each label's highest gated sentence probability), the labels
    the second stage may not bring back: ``apology`` when ``gate`` left no sentence that could
    carry it (the message never says sorry; when it is among ``vetoes``)."""
    result = np.zeros(top.shape, dtype=bool)
    if "apology" in vetoes:
        column = LABELS.index("apology")
        result[:, column] = top[:, column] <= 0.0
    return result


def sentence_probabilities(
    analysis: Analysis, segments: list[Segment], signals: list[list[str]], model: CheckModel
) -> Floats:
    """P(label | sentence) of the model's language after the rules' vetoes (sentences, labels):
    of the labels in ``model.clauses``, the highest of the sentence's and its clauses'."""
    if not segments:
        return np.zeros((0, len(LABELS)))
    classifier = model.languages[analysis.lang]
    units, flags = segments, signals
    parents: list[int] = []
    if model.clauses:
        # reading new_date alone, only clauses with a new date in them count (the gate zeroes the
        # others' new_date), so only their sentences are split: the same numbers, less work
        dated = model.gates and set(model.clauses) <= {"new_date"}
        split = [row for row, found in enumerate(signals) if not dated or "!newdate" in found]
        parents, clauses, clause_flags = clause_units(
            analysis, [segments[row] for row in split], [signals[row] for row in split]
        )
        kept = [i for i, found in enumerate(clause_flags) if not dated or "!newdate" in found]
        parents = [split[parents[i]] for i in kept]
        clauses = [clauses[i] for i in kept]
        clause_flags = [clause_flags[i] for i in kept]
        units, flags = [*segments, *clauses], [*signals, *clause_flags]
    folded = [analysis.prepared.folded[unit.start : unit.end] for unit in units]
    used = (
        unit_signals(flags, model.alone, len(segments), model.context, parents)
        if model.signals
        else []
    )
    probabilities = classifier.sentence_probabilities(folded, used or [[] for _ in units])
    if model.gates:
        probabilities = gate(probabilities, flags, model.vetoes)
    count = len(segments)
    columns = [LABELS.index(name) for name in model.clauses]
    return merge(probabilities[:count], probabilities[count:], parents, columns)


def model_report(analysis: Analysis, model: CheckModel) -> CheckReport:
    """The learned model's verdict, sentence by sentence, with the rules' exact vetoes."""
    classifier = model.languages.get(analysis.lang)
    if classifier is None:
        raise CheckModelError(
            f"the checker model has no {analysis.lang!r} classifier; retrain it with messages "
            f"in that language or pass another --lang"
        )
    prepared = analysis.prepared
    segments = sentences(analysis)
    signals = sentence_signals(analysis, segments)
    probabilities = sentence_probabilities(analysis, segments, signals, model)
    best = classifier.message_probabilities(probabilities)
    thresholds = classifier.thresholds.tolist()
    top = best.tolist()
    # evidence: the sentences at the sentence-level threshold (0.5 with a second stage, whose
    # thresholds are the message's), else the most probable sentence
    level = 0.5 if classifier.stack_weights is not None else classifier.thresholds
    above = (probabilities >= level).tolist()
    strongest = probabilities.argmax(axis=0).tolist() if segments else []
    present = {name: top[i] >= thresholds[i] for i, name in enumerate(LABELS)}
    if model.gates and segments:
        # a label no sentence may carry (``gate``): the second stage cannot bring it back
        barred = unsaid(probabilities.max(axis=0)[None, :], model.vetoes)[0].tolist()
        for name, never in zip(LABELS, barred, strict=True):
            if never:
                present[name] = False
    if classifier.stack_weights is not None and segments:
        # a lone clear sentence carries its label whatever the second stage says
        for i, value in enumerate(probabilities.max(axis=0).tolist()):
            if value >= model.sure:
                present[LABELS[i]] = True
    by_rules: dict[str, list[tuple[int, int]]] = {}  # labels the rules made present: evidence
    rules_found = combined_rules(analysis, segments)
    for name in model.rules_or:
        if rules_found.get(name) and not present[name]:
            present[name] = True
            by_rules[name] = list(rules_found[name])
    if model.rules_support and segments:
        # the rules' own verdict (the plan rule itself, not only a list announced as the plan)
        sentence_top = probabilities.max(axis=0).tolist()
        for name in model.rules_support:
            supported = sentence_top[LABELS.index(name)] >= model.support_level(name)
            if analysis.found.get(name) and supported and not present[name]:
                present[name] = True
                by_rules[name] = list(analysis.found[name])
    if model.gates and present["new_date"]:
        present["vague_timing"] = False

    def evidence(name: str) -> list[tuple[int, int]]:
        if not present[name]:
            return []
        if name in by_rules:
            return by_rules[name]
        stated = analysis.found.get("new_date", [])
        if name == "new_date" and len(stated) < len(analysis.new_dates):
            # a sentence states the completion date: that is the evidence
            return list(stated)
        column = LABELS.index(name)
        spans: list[tuple[int, int]] = []
        rows = [row for row in range(len(segments)) if above[row][column]]
        if not rows and segments and probabilities[strongest[column], column] > 0.0:
            rows = [strongest[column]]
        for row in rows:
            seg = segments[row]
            inner = (
                [(s, e) for s, e in analysis.new_dates if s >= seg.start and e <= seg.end]
                if name == "new_date"
                else []
            )
            spans.extend(inner or [(seg.start, seg.end)])
        return spans

    elements = {
        name: ElementResult(
            present=present[name],
            evidence=tuple(_span(prepared, s, e) for s, e in evidence(name)),
            probability=round(top[LABELS.index(name)], 4),
        )
        for name in ELEMENTS
    }
    warnings: list[Finding] = []
    for name in WARNINGS:
        message = _warning_message(analysis.lex, name)
        for start, end in evidence(name):
            span = _span(prepared, start, end)
            warnings.append(Finding(name, span.start, span.end, span.text, message))
    warnings.sort(key=lambda f: (f.start, f.code))
    codes = [name for name in ELEMENTS if present[name]]
    return CheckReport(
        lang=analysis.lang,
        score=score(codes, (f.code for f in warnings)),
        elements=elements,
        warnings=tuple(warnings),
        warning_probabilities={name: round(top[LABELS.index(name)], 4) for name in WARNINGS},
    )


def check_with(
    text: str | bytes, lang: str = "auto", model: CheckModel | None = None
) -> CheckReport:
    """Check one message with ``model`` (None: the rules alone)."""
    analysis = analyse(text, lang)
    return rules_report(analysis) if model is None else model_report(analysis, model)


def check(text: str | bytes, lang: str = "auto") -> CheckReport:
    """Check one delay message with the model in use (``$PLAZO_CHECK_MODEL`` or the shipped one).

    Raise CheckError when the input cannot be checked, CheckModelError when the model file is
    missing or invalid.
    """
    return check_with(text, lang, default_model())
