"""Message checker throughput: messages per second for ~200-word messages in one process.

Run: ``.venv/bin/python benchmarks/check_speed.py [--messages N]``; prints JSON with the rate of
``check`` (rules + the learned model, what ``plazo check`` runs) and of the rules alone, in wall
time and per CPU second (less disturbed by other processes on a shared machine), and the time to
load the model file.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from plazo.core.check import check, check_with, load_model
from plazo.core.check.learned import shipped_model_path

__all__ = ["main", "sample_messages"]

_EN = (
    "Hi Rachel, I'm writing before Friday because I don't want this to land on you at the last "
    "minute: the customer portal won't be ready for the 14th, and I'm sorry. I know you were "
    "planning to show it at your quarterly board meeting, and this leaves you presenting slides "
    "instead of a live product. What happened: the single sign-on integration with your identity "
    "provider turned out to need a configuration we hadn't scoped. That's on us. We've mapped "
    "every remaining dependency, and from now on we run an integration spike in week one of "
    "every project so this can't surprise us again. Plan: Priya finishes the SSO work this week, "
    "we run end-to-end tests with your IT team on Tuesday 18th, and you'll have the production "
    "release on Thursday 20th. To make up for it, the first three months of support are on the "
    "house. If anything in this plan doesn't work for you, call me and we'll adjust it together; "
    "I would rather hear it now than after the release. I will also send a short written summary "
    "of the new timeline to your operations manager this afternoon, with the test scripts and "
    "the contact details of everyone involved. Best regards, Tom Hadley, Lead Engineer."
)
_ES = (
    "Estimada Sra. Paredes: le escribo para decirle que la entrega del álbum de la boda se "
    "retrasa, y lo siento de verdad. Sabemos que querían regalarlo en el aniversario de sus "
    "consuegros y que esto les cambia los planes. Tuvimos una falla en uno de los discos y hubo "
    "que recuperar el material desde la copia en la nube, que es más lenta. Todo el material ya "
    "está recuperado y a salvo, y cambiamos nuestro sistema de respaldo para que no vuelva a "
    "ocurrir. Plan: esta semana terminamos la edición del vídeo, el lunes maquetamos el álbum y "
    "el jueves 14 lo enviamos a imprenta; lo tendrán en casa el martes 19 de marzo. Como "
    "compensación, les regalamos una segunda copia del álbum y un 10 % de descuento en la "
    "próxima sesión. Si prefieren otra fecha de entrega, díganmelo y lo organizamos. Un saludo "
    "muy cordial de todo el equipo del estudio, que queda a su disposición para lo que necesiten. "
    "Esta tarde también le enviaré por correo un resumen del nuevo calendario, con las fechas de "
    "cada paso y el teléfono de la persona que coordina la edición, por si quiere llamarla."
)


def sample_messages(count: int) -> list[str]:
    """``count`` distinct ~200-word messages, alternating languages (distinct, so no caching)."""
    return [f"{(_EN, _ES)[i % 2]} Ref {i}." for i in range(count)]


def _rate(messages: list[str], run: object) -> tuple[float, float]:
    assert callable(run)
    start, cpu_start = time.perf_counter(), time.process_time()
    for message in messages:
        run(message)
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    return len(messages) / seconds, len(messages) / cpu_seconds


def main(argv: list[str] | None = None) -> int:
    """Time ``check`` over the sample messages and print JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=2000)
    args = parser.parse_args(argv)
    messages = sample_messages(args.messages)
    load_start = time.perf_counter()
    fresh = load_model.__wrapped__(shipped_model_path())  # an uncached read of the model file
    for lang in fresh.languages:
        fresh.languages[lang]  # each language is read on first use
    load_seconds = time.perf_counter() - load_start
    check(messages[0])  # load the model and compile the lexicons outside the timing
    wall, cpu = _rate(messages, check)
    rules_wall, rules_cpu = _rate(messages, lambda text: check_with(text, "auto", None))
    words = sum(len(m.split()) for m in messages) / len(messages)
    result = {
        "messages": len(messages),
        "mean_words": round(words, 1),
        "messages_per_second": round(wall, 1),
        "messages_per_cpu_second": round(cpu, 1),
        "rules_only_messages_per_second": round(rules_wall, 1),
        "rules_only_messages_per_cpu_second": round(rules_cpu, 1),
        "model_load_seconds": round(load_seconds, 3),
        "model_megabytes": round(shipped_model_path().stat().st_size / 1e6, 2),
        "target_messages_per_second": 300,
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
