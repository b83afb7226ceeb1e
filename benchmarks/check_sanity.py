"""Plain one-sentence messages a model must get right: blame, plan and new date in both languages.

Run: ``.venv/bin/python benchmarks/check_sanity.py [MODEL ...]`` (default: the shipped model).
Each line is a message written for plazo (not from the corpus) with the label it must carry
(``+``) or must not carry (``-``). Prints, per model, each message's verdict and its most
probable sentence's P(label) as the checker computes it (after the rules' vetoes; with the model's
clause units and lone-sentence signal when it has them), then the count of misses. The list was
written before the word-level scale was measured on it (sixth pass), so it is not tuned to any
model.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from plazo.core.check.engine import (
    analyse,
    check_with,
    sentence_probabilities,
    sentence_signals,
    sentences,
)
from plazo.core.check.learned import LABELS, load_model, shipped_model_path

__all__ = ["CASES", "main"]

# (lang, label, must carry it, message)
CASES: tuple[tuple[str, str, bool, str], ...] = (
    ("en", "blames_client", True, "The delay is because you didn't send the logo on time."),
    ("en", "blames_client", True, "We couldn't start because your team never approved the design."),
    ("en", "blames_client", True, "This is late because you changed the brief twice."),
    (
        "en",
        "blames_client",
        True,
        "The hold-up is on your side: we are still waiting for your files.",
    ),
    ("en", "blames_client", True, "Your payment arrived three weeks late, so the order slipped."),
    ("en", "blames_client", False, "This is not your fault at all, the delay is ours."),
    ("en", "plan", True, "We've brought in a second developer and will test in parallel."),
    ("en", "plan", True, "We are adding a night shift to catch up on the backlog."),
    ("en", "plan", True, "We have switched to a new supplier and ordered the parts by air."),
    ("en", "plan", True, "From Monday two more fitters join the crew to finish the kitchen."),
    ("en", "new_date", True, "You'll have it on March 3rd."),
    ("en", "new_date", True, "The new delivery date is Friday 14 June."),
    ("en", "new_date", True, "We will ship your order by Christmas."),
    ("en", "new_date", True, "The site will be ready in two weeks."),
    ("en", "new_date", True, "The revised launch date is 2 May."),
    ("en", "new_date", False, "It was due on 14 March."),
    ("es", "blames_client", True, "Es culpa suya que la obra esté parada."),
    ("es", "blames_client", True, "El retraso se debe a que no nos enviaste el logo a tiempo."),
    ("es", "blames_client", True, "No pudimos empezar porque usted no aprobó el diseño."),
    ("es", "blames_client", True, "Seguimos esperando sus archivos, por eso no hemos avanzado."),
    ("es", "blames_client", True, "Su pago llegó tres semanas tarde y el pedido se retrasó."),
    ("es", "blames_client", False, "No es culpa suya, el retraso es nuestro."),
    ("es", "plan", True, "Hemos incorporado a un segundo programador y probaremos en paralelo."),
    ("es", "plan", True, "Vamos a añadir un turno de noche para recuperar el retraso."),
    ("es", "plan", True, "Hemos cambiado de proveedor y pedimos las piezas por avión."),
    ("es", "plan", True, "Desde el lunes dos operarios más se suman para terminar la cocina."),
    ("es", "new_date", True, "Lo tendrás el próximo lunes."),
    ("es", "new_date", True, "La nueva fecha de entrega es el viernes 14 de junio."),
    ("es", "new_date", True, "Lo tendrás para Navidad."),
    ("es", "new_date", True, "La obra estará terminada dentro de dos semanas."),
    ("es", "new_date", True, "Lo recibirá el día 12 y no le cobraremos el montaje."),
    ("es", "new_date", False, "La fecha prevista era el 31 de enero."),
)


def verdicts(path: Path) -> list[tuple[bool, float]]:
    """Per case: the checker's verdict and the most probable sentence's P(label) (gated)."""
    model = load_model(path)
    result = []
    for lang, label, _, text in CASES:
        report = check_with(text, lang, model)
        present = (
            report.elements[label].present
            if label in report.elements
            else label in report.warning_codes
        )
        analysis = analyse(text, lang)
        segments = sentences(analysis)
        found = sentence_probabilities(
            analysis, segments, sentence_signals(analysis, segments), model
        )
        result.append((present, float(found[:, LABELS.index(label)].max())))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", type=Path, nargs="*")
    args = parser.parse_args(argv)
    for path in args.models or [shipped_model_path()]:
        print(f"== {path}")
        misses = 0
        for (lang, label, want, text), (got, p) in zip(CASES, verdicts(path), strict=True):
            ok = got == want
            misses += not ok
            mark = ("ok  " if ok else "MISS") + f" {lang} " + ("+" if want else "-")
            print(f"{mark}{label:13} P={p:.2f} {text}")
        print(f"misses: {misses} of {len(CASES)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
