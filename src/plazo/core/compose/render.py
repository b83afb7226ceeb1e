"""Jinja2 rendering of one message kind in one language: subject, plain text and inlined HTML."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import css_inline
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from plazo.core.compose.formats import TEMPLATES_DIR, check_language
from plazo.core.compose.headers import clean_header_text
from plazo.core.compose.splicing import finish_text

__all__ = ["Rendered", "inline_css", "render_kind", "render_templates"]


@dataclass(frozen=True)
class Rendered:
    """The three texts of one message."""

    subject: str
    text: str
    html: str


@lru_cache(maxsize=2)
def _environment(html: bool) -> Environment:
    # Two environments, so shared phrase macros are compiled twice: escaping everything for HTML,
    # nothing for text and subjects (which keep client text as written). One environment deciding
    # by file name would let an unescaped text macro's output into the HTML.
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=html,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@lru_cache(maxsize=1)
def _inliner() -> css_inline.CSSInliner:
    # At-rules (the dark-mode media query) stay in a <style> block: they cannot be inlined.
    return css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)


def _tidy_text(text: str) -> str:
    """At most one blank line in a row, no trailing spaces, one final newline."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out) + "\n"


def inline_css(html: str) -> str:
    """Move the stylesheet into ``style`` attributes, as many mail clients ignore <style>."""
    return _inliner().inline(html)


def render_templates(kind: str, language: str, context: Mapping[str, Any]) -> Rendered:
    """Render ``templates/<language>/<kind>.{subject,txt,html}``, with the language's finishing
    touches (``splicing.finish_text``: quoted words agree with the words around them); the HTML
    is not inlined yet."""
    check_language(language)
    text_env, html_env = _environment(html=False), _environment(html=True)
    subject, text, html = (
        finish_text(language, env.get_template(f"{language}/{kind}.{ext}").render(context))
        for env, ext in ((text_env, "subject"), (text_env, "txt"), (html_env, "html"))
    )
    return Rendered(subject=clean_header_text(subject), text=_tidy_text(text), html=html)


def render_kind(kind: str, language: str, context: Mapping[str, Any]) -> Rendered:
    """Render one kind's templates and inline the HTML's CSS."""
    raw = render_templates(kind, language, context)
    return Rendered(subject=raw.subject, text=raw.text, html=inline_css(raw.html))
