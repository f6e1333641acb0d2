r"""Text from templates: the report, the plan, feedback, measures and the out-sight audit.

The Jinja2 templates live in ``coursekit/_templates/`` (shipped inside the package). A
template named ``*.html.j2`` is **HTML-autoescaped**: every ``{{ value }}`` is escaped unless
it is already :class:`~markupsafe.Markup` (the output of another HTML template, or JSON
made safe by its encoder and marked so on purpose). Every other template (``*.md.j2``,
``*.css``) is **Markdown-escaped** instead: ``{{ value }}`` goes through
:func:`~coursekit._text.md_escape` unless it is Markup (mark a trusted Markdown piece with
``| safe``). The ``md`` filter applies the same escaping explicitly; ``nl2br`` escapes
HTML and keeps line breaks. A name missing from the context is an error
(``StrictUndefined``), never an empty string.

Partials (names starting with ``_``) are shared: the measures table and the out-sight audit
are each written once and used by the report, its Markdown twin and the views.

Examples
--------
>>> environment().from_string("<p>{{ x }}</p>").render(x="<b>")
'<p>&lt;b&gt;</p>'
>>> environment().from_string("{{ x | md }}").render(x="*not bold*")
'\\*not bold\\*'
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import (
    Environment,
    PackageLoader,
    StrictUndefined,
    pass_eval_context,
    select_autoescape,
)
from jinja2.nodes import EvalContext
from markupsafe import Markup, escape

from ._text import md_escape

#: Template names ending so are HTML and autoescaped.
HTML_EXTENSIONS = ("html", "html.j2")


@pass_eval_context
def _finalize(eval_ctx: EvalContext, value: Any) -> Any:
    """Escape for Markdown what HTML autoescaping does not cover (see the module docstring)."""
    if eval_ctx.autoescape or isinstance(value, Markup):
        return value
    return md_escape(value)


def _nl2br(value: Any) -> Markup:
    """The ``nl2br`` filter: HTML-escaped text with its line breaks kept as ``<br>``."""
    return Markup("<br>").join(escape(value).split("\n"))


def _md(value: Any) -> Markup:
    """The ``md`` filter: :func:`~coursekit._text.md_escape`, marked done."""
    return Markup(md_escape(value))


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The one Jinja2 environment of the course (built once)."""
    env = Environment(
        loader=PackageLoader("coursekit", "_templates"),
        autoescape=select_autoescape(enabled_extensions=HTML_EXTENSIONS,
                                     default_for_string=True, default=False),
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["md"] = _md
    env.filters["nl2br"] = _nl2br
    return env


def render(name: str, /, **context: Any) -> str:
    """Render the template ``name`` (a path below ``coursekit/_templates/``) with ``context``.

    An HTML template's result is :class:`~markupsafe.Markup`, so it can go into another
    template or an HTML widget as it is, without being escaped twice.

    Examples
    --------
    >>> from coursekit.network import load_sample_network, outsight
    >>> audit = outsight(load_sample_network("harris-before"))
    >>> html = render("network/_outsight.html.j2", audit=audit)
    >>> type(html).__name__, "How outside" in html
    ('Markup', True)
    """
    template = environment().get_template(name)
    text = template.render(**context)
    return Markup(text) if name.endswith(tuple("." + e for e in HTML_EXTENSIONS)) else text


__all__ = ["HTML_EXTENSIONS", "environment", "render"]
