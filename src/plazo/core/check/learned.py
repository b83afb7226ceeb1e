"""The learned sentence classifiers: a versioned NPZ of plain weights, applied with NumPy alone.

One logistic regression per label and language, trained by ``plazo.checktrain`` with
scikit-learn and exported as numbers (no pickle), and a message-level second stage (stacking):
per label, a small logistic regression on the message's sentence probabilities
(:func:`stack_features`) gives the message's probability. A sentence's vector holds each
known lexical feature at ``occurrences / sqrt(n)``, ``n`` being the number of known lexical
occurrences in the sentence, and each rule signal at 1; the probability of a label is
``1 / (1 + exp(-(x · w + b)))``, exactly scikit-learn's ``predict_proba``. Because the lexical
part is a sum over words, each word's weights are summed once and cached.

The model in use is ``$PLAZO_CHECK_MODEL`` when set, else the one shipped in ``weights/``. A file
that is missing or unreadable raises :class:`CheckModelError`: there is no silent fallback.
"""

from __future__ import annotations

import io
import json
import math
import os
import threading
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from plazo.core.check.features import context_features, tokenize, word_features
from plazo.core.check.model import ELEMENTS, WARNINGS

__all__ = [
    "ENV_VAR",
    "FORMAT",
    "LABELS",
    "READS",
    "VERSION",
    "CheckModel",
    "CheckModelError",
    "LanguageModel",
    "default_model",
    "encode",
    "load_model",
    "save_model",
    "stack_features",
]

FORMAT = "plazo-check-model"
# 2: the message-level second stage (``<lang>_stack_weights``, ``_stack_bias``); 3: the
# sentence weights stored as float32 (half the file; the small arrays stay float64)
VERSION = 3
# the versions this plazo reads: a version 2 file (float64 weights) has the same arrays, and
# the weights are applied in float64 either way
READS: tuple[int, ...] = (2, 3)
LABELS: tuple[str, ...] = (*ELEMENTS, *WARNINGS)
ENV_VAR = "PLAZO_CHECK_MODEL"
_SHIPPED = "checker-v1.npz"
_WORD_CACHE = 200_000
_CLIP = 1e-3

Floats = npt.NDArray[np.float64]


class CheckModelError(Exception):
    """The checker's model file is missing or not a valid model (one sentence)."""


STACK_FEATURES = 3 + len(LABELS)


def _logit(p: Floats) -> Floats:
    clipped = np.clip(p, _CLIP, 1.0 - _CLIP)
    result: Floats = np.log(clipped / (1.0 - clipped))
    return result


def stack_features(probabilities: Floats) -> Floats:
    """The second stage's inputs, one row per label, from a message's sentence probabilities
    (sentences, labels): the logit (clipped to 0.001–0.999) of the label's highest and
    second-highest sentence probability, log(1 + the number of sentences at 0.5 or more), and
    every label's highest probability (so a label can lean on the others: a vague phrase next
    to a new date, a cause told next to the client's name)."""
    labels = len(LABELS)
    if len(probabilities) == 0:
        probabilities = np.zeros((1, labels))
    ordered = -np.sort(-probabilities, axis=0)
    second = ordered[1] if len(ordered) > 1 else np.zeros(labels)
    features = np.empty((labels, STACK_FEATURES))
    features[:, 0] = _logit(ordered[0])
    features[:, 1] = _logit(second)
    features[:, 2] = np.log1p((probabilities >= 0.5).sum(axis=0))
    features[:, 3:] = ordered[0][None, :]
    return features


class _WordTable:
    """Each word seen: a row of its known features' weights summed (row 0: zeros) and how many
    known features it has. Rows are only ever added (under a lock, so threads sharing a model
    agree on them), and the arrays grow by doubling into new ones, so a caller's rows stay
    valid whatever other threads add."""

    def __init__(self) -> None:
        self.rows: dict[str, int] = {}
        self._sums: Floats = np.zeros((1024, len(LABELS)))
        self._counts: npt.NDArray[np.int64] = np.zeros(1024, dtype=np.int64)
        self._size = 1
        self._lock = threading.Lock()

    @property
    def full(self) -> bool:
        """True past ``_WORD_CACHE`` words (the model then starts a new table)."""
        return self._size > _WORD_CACHE

    def add(self, token: str, summed: Floats, known: int) -> int:
        """Store one word's row (once); its index."""
        with self._lock:
            index = self.rows.get(token)
            if index is not None:
                return index
            index = self._size
            if index == len(self._counts):
                self._sums = np.concatenate([self._sums, np.zeros_like(self._sums)])
                self._counts = np.concatenate([self._counts, np.zeros_like(self._counts)])
            self._sums[index] = summed
            self._counts[index] = known
            self._size += 1
            self.rows[token] = index
            return index

    def view(self) -> tuple[Floats, npt.NDArray[np.int64]]:
        """The rows' sums (rows, labels) and known-feature counts."""
        return self._sums, self._counts


class _WordCache:
    """A language's word table, replaced by an empty one when full."""

    def __init__(self) -> None:
        self._table = _WordTable()

    def table(self) -> _WordTable:
        """The table to use for one call (a caller keeps it for the whole call)."""
        if self._table.full:
            self._table = _WordTable()
        return self._table


@dataclass(frozen=True)
class LanguageModel:
    """The weights of one language: a vocabulary and one column of weights per label."""

    vocab: dict[str, int]
    weights: Floats  # (features, labels)
    bias: Floats  # (labels,)
    thresholds: Floats  # (labels,): message-level decision thresholds
    # the second stage, per label: (labels, STACK_FEATURES) weights and (labels,) biases; None:
    # a message's probability is that of its most probable sentence
    stack_weights: Floats | None = None
    stack_bias: Floats | None = None
    # each word seen: its known features' weights summed, and how many they are
    words: _WordCache = field(default_factory=_WordCache, init=False, compare=False, repr=False)

    def probabilities(self, features: Sequence[tuple[Sequence[str], Sequence[str]]]) -> Floats:
        """P(label | sentence) for each (lexical, signal) feature list: (sentences, labels)."""
        return self._logistic(len(features), *encode(self.vocab, features))

    def message_probabilities(self, probabilities: Floats) -> Floats:
        """P(label | message) from its (gated) sentence probabilities: the second stage's, or
        the most probable sentence's; zeros for a message without sentences."""
        if len(probabilities) == 0:
            return np.zeros(len(LABELS))
        if self.stack_weights is None or self.stack_bias is None:
            top: Floats = probabilities.max(axis=0)
            return top
        logits = (stack_features(probabilities) * self.stack_weights).sum(axis=1)
        result: Floats = 1.0 / (1.0 + np.exp(-(logits + self.stack_bias)))
        return result

    def _word(self, table: _WordTable, token: str) -> int:
        known = [i for i in map(self.vocab.get, word_features(token)) if i is not None]
        return table.add(token, self.weights[known].sum(axis=0), len(known))

    def _rows(self, table: _WordTable, tokens: list[str]) -> list[int]:
        """The words' rows in ``table``, new words added."""
        found = list(map(table.rows.get, tokens))
        if None in found:
            found = [
                self._word(table, token) if row is None else row
                for token, row in zip(tokens, found, strict=True)
            ]
        return cast("list[int]", found)  # no None is left

    def sentence_probabilities(
        self, folded: Sequence[str], signals: Sequence[Sequence[str]]
    ) -> Floats:
        """P(label | sentence) from folded sentences and their signals (the fast path: the
        same numbers as :meth:`probabilities` on the sentences' feature strings).

        1. Each word's row in the word table (its weights summed once), row 0 closing each
           sentence so that no sentence is empty; the word pairs and negated words (context)
           and the signals looked up per sentence.
        2. One gather of the words' rows, summed per sentence; each sentence's lexical part
           scaled by 1/sqrt(its known lexical occurrences); the context and signals added.
        """
        vocab, weights, table = self.vocab, self.weights, self.words.table()
        ids: list[int] = []  # every word's row in the table, and a 0 closing each sentence
        starts: list[int] = []
        context_counts: list[int] = []
        extra: list[int] = []  # context features and signals, all sentences
        extra_rows: list[int] = []
        extra_lexical: list[bool] = []
        for row, (sentence, flags) in enumerate(zip(folded, signals, strict=True)):
            text, tokens = tokenize(sentence)
            starts.append(len(ids))
            ids.extend(self._rows(table, tokens))
            ids.append(0)
            context = [i for i in map(vocab.get, context_features(text, tokens)) if i is not None]
            known_flags = [i for i in map(vocab.get, flags) if i is not None]
            context_counts.append(len(context))
            extra.extend(context)
            extra.extend(known_flags)
            extra_rows.extend([row] * (len(context) + len(known_flags)))
            extra_lexical.extend([True] * len(context) + [False] * len(known_flags))
        if not starts:
            return np.zeros((0, len(self.bias)))
        words = np.asarray(ids, dtype=np.intp)
        sums, counts = table.view()
        count = np.add.reduceat(counts[words], starts) + np.asarray(context_counts)
        scale = np.zeros(len(starts))
        np.divide(1.0, np.sqrt(count), out=scale, where=count > 0)
        lexical = np.add.reduceat(sums[words], starts, axis=0)
        logits = self.bias + lexical * scale[:, None]
        if extra:
            rows = np.array(extra_rows)
            factor = np.where(np.array(extra_lexical), scale[rows], 1.0)
            np.add.at(logits, rows, weights[extra] * factor[:, None])
        result: Floats = 1.0 / (1.0 + np.exp(-logits))
        return result

    def _logistic(
        self,
        rows: int,
        indptr: npt.NDArray[np.int64],
        indices: npt.NDArray[np.int64],
        values: Floats,
    ) -> Floats:
        logits = np.tile(self.bias, (rows, 1))
        if indices.size:
            contributions = self.weights[indices] * values[:, None]
            counts = np.diff(indptr)
            filled = counts > 0
            logits[filled] += np.add.reduceat(contributions, indptr[:-1][filled], axis=0)
        result: Floats = 1.0 / (1.0 + np.exp(-logits))
        return result


@dataclass(frozen=True)
class CheckModel:
    """Per-language classifiers and how to combine them with the rules."""

    languages: Mapping[str, LanguageModel]
    signals: bool = True  # the rules' signals are features
    gates: bool = True  # exact rules veto: quotations, dates, vague timing next to a date
    # labels whose rule cue, ruled out in a sentence (negated, quoted, another use) and not
    # matched there otherwise, vetoes the model in that sentence
    vetoes: tuple[str, ...] = ()
    # labels the rules alone can also make present (where they are precise)
    rules_or: tuple[str, ...] = ()
    # with a second stage: a sentence at least this probable carries its label regardless
    sure: float = 1.0
    # labels the rules make present when the most probable sentence reaches ``support``
    rules_support: tuple[str, ...] = ()
    support: float = 1.0
    # per-label levels overriding ``support`` (labels of ``rules_support``)
    label_support: Mapping[str, float] = field(default_factory=dict)
    # each clause of a sentence that joins two statements is scored too, and the sentence takes
    # the highest of its own and its clauses' probabilities of these labels (``units.py``)
    clauses: tuple[str, ...] = ()
    # a one-sentence message's units get ``!only`` instead of ``!first`` and ``!last``
    alone: bool = False
    # each unit also sees the rule matches of its sentence's neighbours (``!prev:``, ``!next:``)
    context: bool = False
    info: dict[str, Any] = field(default_factory=dict)

    def support_level(self, name: str) -> float:
        """The most probable sentence's bar for a label the rules found (``rules_support``)."""
        return float(self.label_support.get(name, self.support))


def encode(
    vocab: dict[str, int], features: Sequence[tuple[Sequence[str], Sequence[str]]]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], Floats]:
    """CSR arrays (indptr, indices, values) of the sentences' feature vectors."""
    indptr = [0]
    indices: list[int] = []
    values: list[float] = []
    get = vocab.get
    for lexical, signals in features:
        known = [i for i in map(get, lexical) if i is not None]
        if known:
            scale = 1.0 / math.sqrt(len(known))
            counts = Counter(known)
            indices.extend(counts)
            values.extend(count * scale for count in counts.values())
        flags = [i for i in map(get, signals) if i is not None]
        indices.extend(flags)
        values.extend([1.0] * len(flags))
        indptr.append(len(indices))
    return (
        np.asarray(indptr, dtype=np.int64),
        np.asarray(indices, dtype=np.int64),
        np.asarray(values, dtype=np.float64),
    )


def save_model(model: CheckModel, path: Path) -> None:
    """Write ``model`` as an NPZ of plain arrays and one JSON header (no pickle)."""
    meta = {
        "format": FORMAT,
        "version": VERSION,
        "labels": list(LABELS),
        "languages": sorted(model.languages),
        "signals": model.signals,
        "gates": model.gates,
        "vetoes": list(model.vetoes),
        "rules_or": list(model.rules_or),
        "sure": model.sure,
        "rules_support": list(model.rules_support),
        "support": model.support,
        "label_support": dict(model.label_support),
        "clauses": list(model.clauses),
        "alone": model.alone,
        "context": model.context,
        "info": model.info,
    }
    arrays: dict[str, Any] = {"meta": np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)}
    for lang, lm in model.languages.items():
        names = [""] * len(lm.vocab)
        for name, index in lm.vocab.items():
            names[index] = name
        arrays[f"{lang}_vocab"] = np.frombuffer("\n".join(names).encode(), dtype=np.uint8)
        # float32 halves the file; summed in float64 at use, the probabilities move by less
        # than 1e-6 (tests/checktrain/test_training.py)
        arrays[f"{lang}_weights"] = lm.weights.astype(np.float32)
        arrays[f"{lang}_bias"] = lm.bias.astype(np.float64)
        arrays[f"{lang}_thresholds"] = lm.thresholds.astype(np.float64)
        if lm.stack_weights is not None and lm.stack_bias is not None:
            arrays[f"{lang}_stack_weights"] = lm.stack_weights.astype(np.float64)
            arrays[f"{lang}_stack_bias"] = lm.stack_bias.astype(np.float64)
    with path.open("wb") as handle:
        np.savez_compressed(handle, **arrays)


def _bad(path: object, why: str) -> CheckModelError:
    return CheckModelError(
        f"the checker model {path} is not usable ({why}); retrain it with "
        f"'plazo check train' or unset {ENV_VAR}"
    )


def _language(arrays: Any, lang: str, path: object) -> LanguageModel:
    try:
        names = bytes(arrays[f"{lang}_vocab"]).decode("utf-8").split("\n")
        stored = arrays[f"{lang}_weights"]
        if stored.dtype not in (np.float32, np.float64):
            raise _bad(path, f"{lang}: weights of type {stored.dtype}")
        weights = np.asarray(stored, dtype=np.float64)
        bias = np.asarray(arrays[f"{lang}_bias"], dtype=np.float64)
        thresholds = np.asarray(arrays[f"{lang}_thresholds"], dtype=np.float64)
        stacked = f"{lang}_stack_weights" in arrays.files
        stack_weights = (
            np.asarray(arrays[f"{lang}_stack_weights"], dtype=np.float64) if stacked else None
        )
        stack_bias = np.asarray(arrays[f"{lang}_stack_bias"], dtype=np.float64) if stacked else None
    except (
        KeyError,
        UnicodeDecodeError,
        ValueError,
        OSError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
    ) as error:
        raise _bad(path, f"{lang}: {type(error).__name__}") from None
    labels = len(LABELS)
    if weights.shape != (len(names), labels) or bias.shape != (labels,):
        raise _bad(path, f"{lang}: weights of shape {weights.shape} for {len(names)} features")
    if thresholds.shape != (labels,) or not np.isfinite(weights).all():
        raise _bad(path, f"{lang}: bad thresholds or weights")
    if stack_weights is not None and (
        stack_weights.shape != (labels, STACK_FEATURES)
        or stack_bias is None
        or stack_bias.shape != (labels,)
        or not np.isfinite(stack_weights).all()
        or not np.isfinite(stack_bias).all()
    ):
        raise _bad(path, f"{lang}: second stage of shape {stack_weights.shape}")
    vocab = dict(zip(names, range(len(names)), strict=True))
    if len(vocab) != len(names):
        raise _bad(path, f"{lang}: repeated features")
    return LanguageModel(vocab, weights, bias, thresholds, stack_weights, stack_bias)


class _Languages(Mapping[str, LanguageModel]):
    """A model file's languages, each read (decompressed, its vocabulary built) on first use:
    ``plazo check`` needs one language, and reading both would double the start-up cost."""

    def __init__(self, arrays: Any, languages: Sequence[str], path: Path) -> None:
        self._arrays = arrays
        self._names = tuple(languages)
        self._path = path
        self._loaded: dict[str, LanguageModel] = {}

    def __getitem__(self, lang: str) -> LanguageModel:
        if lang not in self._names:
            raise KeyError(lang)
        if lang not in self._loaded:
            self._loaded[lang] = _language(self._arrays, lang, self._path)
        return self._loaded[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


@cache
def load_model(path: Path) -> CheckModel:
    """Read a model file; raise CheckModelError if it is missing or not a valid model (a
    language's arrays are checked when that language is first used)."""
    if not path.is_file():
        raise CheckModelError(
            f"the checker model {path} does not exist; give a file written by "
            f"'plazo check train' or unset {ENV_VAR}"
        )
    try:
        arrays = np.load(io.BytesIO(path.read_bytes()), allow_pickle=False)
        meta = json.loads(bytes(arrays["meta"]).decode("utf-8"))
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            raise _bad(path, "not a plazo checker model")
        if meta.get("version") not in READS:
            readable = " and ".join(str(version) for version in READS)
            raise _bad(path, f"version {meta.get('version')}, this plazo reads {readable}")
        if tuple(meta.get("labels", ())) != LABELS:
            raise _bad(path, "its labels differ from this plazo's")
        languages = [str(lang) for lang in meta["languages"]]
        missing = [
            f"{lang}_{part}"
            for lang in languages
            for part in ("vocab", "weights", "bias", "thresholds")
            if f"{lang}_{part}" not in arrays.files
        ]
        if missing:
            raise _bad(path, f"missing {', '.join(missing)}")
    except CheckModelError:
        raise
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile, EOFError) as error:
        raise _bad(path, f"not a readable model file: {type(error).__name__}") from None
    return CheckModel(
        languages=_Languages(arrays, languages, path),
        signals=bool(meta.get("signals", True)),
        gates=bool(meta.get("gates", True)),
        vetoes=tuple(str(name) for name in meta.get("vetoes", ()) if name in LABELS),
        rules_or=tuple(str(name) for name in meta.get("rules_or", ()) if name in LABELS),
        sure=float(meta.get("sure", 1.0)),
        rules_support=tuple(str(name) for name in meta.get("rules_support", ()) if name in LABELS),
        support=float(meta.get("support", 1.0)),
        label_support={
            str(name): float(level)
            for name, level in dict(meta.get("label_support", {})).items()
            if name in LABELS
        },
        clauses=tuple(str(name) for name in meta.get("clauses", ()) if name in LABELS),
        alone=bool(meta.get("alone", False)),
        context=bool(meta.get("context", False)),
        info=dict(meta.get("info", {})),
    )


@cache
def shipped_model_path() -> Path:
    """The model that comes with plazo."""
    return Path(str(resources.files("plazo.core.check").joinpath("weights", _SHIPPED)))


def default_model() -> CheckModel:
    """``$PLAZO_CHECK_MODEL`` if set, else the shipped model."""
    return _model_at(os.environ.get(ENV_VAR, "").strip())


@cache
def _model_at(chosen: str) -> CheckModel:
    return load_model(Path(chosen).expanduser().resolve() if chosen else shipped_model_path())
