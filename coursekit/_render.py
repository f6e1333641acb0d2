"""Text from the Jinja2 templates in ``coursekit/_templates/`` (shipped inside the package).

A ``*.html.j2`` template is HTML-autoescaped; every other one (``*.md.j2``, ``*.css``) is
Markdown-escaped: ``{{ value }}`` goes through :func:`~coursekit._text.md_escape` unless it is
:class:`~markupsafe.Markup` (HTML from another template, or a piece marked ``| safe``). The
``md`` filter escapes for Markdown explicitly; ``nl2br`` escapes HTML and keeps line breaks.
A name missing from the context is an error, never an empty string.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_eval_context, select_autoescape
from jinja2.nodes import EvalContext
from markupsafe import Markup, escape

from ._text import colon_join, md_escape

#: Template names ending so are HTML and autoescaped.
HTML_EXTENSIONS = ("html", "html.j2")


@pass_eval_context
def _finalize(eval_ctx: EvalContext, value: Any) -> Any:
    """Escape for Markdown what HTML autoescaping does not cover."""
    return value if eval_ctx.autoescape or isinstance(value, Markup) else md_escape(value)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The one Jinja2 environment of the course (built once)."""
    env = Environment(
        loader=PackageLoader("coursekit", "_templates"), undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=HTML_EXTENSIONS,
                                     default_for_string=True, default=False),
        finalize=_finalize, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        auto_reload=False)
    env.filters.update(md=lambda value: Markup(md_escape(value)),  # Markup: not escaped again
                       colon_join=colon_join,
                       nl2br=lambda value: Markup("<br>").join(escape(value).split("\n")))
    return env


def render(name: str, /, **context: Any) -> str:
    """Render the template ``name`` (a path below ``coursekit/_templates/``) with ``context``.

    An HTML template's result is :class:`~markupsafe.Markup`, so it can go into another
    template or an HTML widget as it is, without being escaped twice.
    """
    text = environment().get_template(name).render(**context)
    return Markup(text) if name.endswith(tuple("." + e for e in HTML_EXTENSIONS)) else text
