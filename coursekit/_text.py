"""Making learner text (user input) safe wherever it goes: HTML, Markdown, spreadsheets, ids.

Templates escape by themselves (see :mod:`coursekit._render`); a CSV cell that a spreadsheet
would run as a formula is neutralised (OWASP CSV injection).
"""

from __future__ import annotations

import html
import re
import textwrap

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!])")


def escape_html(text: object) -> str:
    """Escape text for HTML, quotes included.

    >>> escape_html('<script>alert("x")</script>')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    """
    return html.escape("" if text is None else str(text), quote=True)


def md_escape(text: object) -> str:
    r"""Learner text made safe for Markdown.

    HTML characters become entities, Markdown marks are backslash-escaped, line breaks spaces
    (so the text cannot start a heading or a list).

    >>> md_escape("<script>*bold*</script>")
    '&lt;script&gt;\\*bold\\*&lt;/script&gt;'
    """
    value = " ".join(("" if text is None else str(text)).split())
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", value)


def spreadsheet_safe(value: object) -> object:
    r"""Neutralise a cell that a spreadsheet would run as a formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading
    apostrophe; numbers and other values pass unchanged.

    >>> spreadsheet_safe('=HYPERLINK("http://x")'), spreadsheet_safe(-3)
    ('\'=HYPERLINK("http://x")', -3)
    """
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def figure_lines(text: str, width: int) -> str:
    """``text`` on lines of at most about ``width`` characters, joined by plotly's ``<br>``.

    >>> figure_lines("one two three", 7)
    'one two<br>three'
    """
    return "<br>".join(textwrap.wrap(str(text), width)) or str(text)


def slug(text: str) -> str:
    """A lowercase, hyphenated id made from text.

    >>> slug("Know what you want!")
    'know-what-you-want'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def plural(count: float, one: str, many: str | None = None) -> str:
    """A count and its noun, singular or plural: ``1 step``, ``2 steps``, ``0 steps``.

    Examples
    --------
    >>> plural(1, "if-then plan"), plural(3.0, "person", "people")
    ('1 if-then plan', '3 people')
    """
    shown = f"{count:g}" if isinstance(count, float) else str(count)
    return f"{shown} {one if count == 1 else (many or one + 's')}"


def colon_join(label: str, rest: str = "") -> str:
    """``label: rest``, without a second mark after a label that ends in one already.

    A title or question that ends in ``.``, ``?``, ``!`` or ``:`` takes no colon: what follows
    starts a new sentence (capitalised) or, with nothing after it, the label stands alone.

    Examples
    --------
    >>> colon_join("Career drivers", "what each score means")
    'Career drivers: what each score means'
    >>> colon_join("What drives your career?", "what each score means")
    'What drives your career? What each score means'
    >>> colon_join("Say what the map shows, and what it cannot.")
    'Say what the map shows, and what it cannot.'
    >>> colon_join("Reflections you chose to share")
    'Reflections you chose to share:'
    """
    label = str(label).rstrip()
    if label.endswith((".", "?", "!", ":", "\u2026")):
        return f"{label} {rest[:1].upper()}{rest[1:]}" if rest else label
    return f"{label}: {rest}" if rest else f"{label}:"
