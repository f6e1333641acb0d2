"""The template environment: HTML autoescaped, Markdown escaped for Markdown, strict names."""

from __future__ import annotations

from dataclasses import replace

import pytest
from jinja2 import UndefinedError
from markupsafe import Markup

from coursekit._render import environment, render

EVIL = '<script>alert("x")</script> *bold* | pipe'


def test_every_template_compiles():
    env = environment()
    names = env.list_templates()
    assert "report/report.html.j2" in names and "plan/plan.md.j2" in names
    for name in names:
        env.get_template(name)


def _audit_with_evil_reading():
    from coursekit.network import load_sample_network, outsight

    audit = outsight(load_sample_network("harris-before"))
    first = replace(audit.indicators[0], reading=EVIL)
    return replace(audit, indicators=[first, *audit.indicators[1:]])


def test_html_templates_escape_html_and_return_markup():
    audit = _audit_with_evil_reading()
    html = render("network/_outsight.html.j2", audit=audit)
    assert isinstance(html, Markup)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_markdown_templates_escape_markdown_not_html():
    audit = _audit_with_evil_reading()
    md = render("network/_outsight.md.j2", audit=audit)
    assert not isinstance(md, Markup)
    assert "&lt;script&gt;alert(\"x\")&lt;/script&gt; \\*bold\\* \\| pipe" in md
    assert "| Indicator | Reading | Flag |" in md  # the template's own marks stay


def test_a_missing_name_is_an_error_not_an_empty_string():
    with pytest.raises(UndefinedError):
        render("network/_measures.html.j2", caption="Measures")


def test_a_title_that_is_a_question_takes_no_colon():
    from coursekit._render import render

    html = render("assessment/_results.html.j2", title="What drives your career?", rows=[])
    assert "What drives your career? What each score means" in html
    assert "?:" not in html
