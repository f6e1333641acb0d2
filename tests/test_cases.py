"""The case library: loading the shipped cases, and clear errors for broken case files."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
import yaml

from coursekit import ContentError
from coursekit._content import split_front_matter
from coursekit.cases import (
    SESSION_MINUTES,
    Case,
    check_cases,
    list_cases,
    load_case,
    load_case_file,
    narrative_html,
    timeline_figure,
)

FILES = Path(__file__).resolve().parent / "files" / "cases"
MINIMAL = FILES / "minimal.md"
SOURCES = Path("/work/shared/sources")


def minimal() -> tuple[dict, str]:
    meta, body, _ = split_front_matter(MINIMAL.read_text(encoding="utf-8"), "minimal.md")
    return meta, body


def write_case(folder: Path, meta: dict, body: str, name: str = "minimal") -> Path:
    path = folder / f"{name}.md"
    text = "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n" + body
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(path: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_case_file(path)
    return [f"{p.place} | {p.problem} | {p.fix}" for p in info.value.problems]


def places_of(path: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_case_file(path)
    assert all(p.file.endswith(path.name) for p in info.value.problems)
    return [p.place for p in info.value.problems]


# -- the shipped cases ----------------------------------------------------------------------


@pytest.mark.parametrize("case_id", ["the-first-step", "the-career-impasse"])
def test_shipped_case_loads_whole(case_id):
    case = load_case(case_id)
    assert isinstance(case, Case) and case.id == case_id
    assert case.teaching_notes.total_minutes == SESSION_MINUTES
    assert len(case.parts) >= 4
    assert 2 <= len(case.decisions) <= 3
    assert all(len(d.options) >= 3 and d.outcome for d in case.decisions)
    assert case.discussion and case.reflections and case.objectives
    assert case.teaching_notes.board_plan and case.teaching_notes.listen_for
    assert case.source.title and case.source.author and case.source.outlet
    for d in case.decisions:
        assert d.after in case.part_ids
    assert {r.after for r in case.reflections} <= set(case.part_ids)


def test_list_cases_sorted_by_id():
    assert [c.id for c in list_cases()] == ["the-career-impasse", "the-first-step"]


def test_first_step_parts_and_failure_evidence():
    case = load_case("the-first-step")
    assert case.part_ids == ("know-what-you-want", "get-ready", "the-first-step", "living-it")
    contested = case.contested_facts
    assert len(contested) == 1 and "10 % and 50 %" in contested[0].fact
    facts = " ".join(f.fact + f.citation + (f.note or "") for f in case.key_facts)
    for evidence in ("Harzing", "6(2), 457", "persistent myth of high expatriate failure rates",
                     "Tung", "Brookfield", "about 6 %"):
        assert evidence in facts
    # the learner is asked what the figure means for their own decision
    asked = " ".join([d.prompt for d in case.decisions] + list(case.discussion))
    assert "your own decision" in asked or "and to\nyours" in asked or "yours" in asked


def test_impasse_parts_and_network_research():
    case = load_case("the-career-impasse")
    assert case.part_ids == ("the-promise", "stuck", "what-the-class-says",
                             "what-broke-the-impasse", "your-network-is-a-mirror")
    assert case.source.url.startswith("https://knowledge.insead.edu/")
    cites = " ".join(f.citation for f in case.key_facts)
    for evidence in ("Ibarra, H. and Hunter", "2007", "Granovetter", "1973", "Rajkumar",
                     "377(6612), 1304"):
        assert evidence in cites


@pytest.mark.skipif(not SOURCES.is_dir(), reason="shared sources not available")
@pytest.mark.parametrize("case_id, source", [
    ("the-first-step", "000_4dc4fe3c2aeaa436.txt"),
    ("the-career-impasse", "001_291d1c4325665853.txt"),
])
def test_case_copies_no_sentence_from_its_source(case_id, source):
    """No run of eight words is shared with the source (quoted titles and terms aside)."""
    import re

    def words(text):
        return re.findall(r"[a-z0-9%']+", text.lower().replace("\u2019", "'"))

    def grams(ws, n=8):
        return {" ".join(ws[i:i + n]) for i in range(len(ws) - n + 1)}

    case = load_case(case_id)
    ours = " ".join([p.text for p in case.parts] + [d.outcome for d in case.decisions]
                    + [d.prompt for d in case.decisions] + list(case.discussion))
    theirs = (SOURCES / source).read_text(encoding="utf-8")
    assert grams(words(ours)) & grams(words(theirs)) == set()


def test_timeline_figure_is_titled_and_escaped(tmp_path):
    meta, body = minimal()
    meta["phases"][0]["summary"] = "<img src=x onerror=alert(1)>"
    meta["phases"][0]["label"] = "A & B"
    fig = timeline_figure(load_case_file(write_case(tmp_path, meta, body)))
    assert fig.layout.title.text and fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    assert "<img" not in fig.data[0].hovertemplate
    assert "&lt;img" in fig.data[0].hovertemplate
    assert list(fig.data[0].y) == ["A &amp; B"]
    assert fig.data[0].base[0] == 0 and fig.data[1].base[0] == 1
    assert fig.data[1].x[0] == pytest.approx(1.5)
    assert fig.data[0].marker.color != fig.data[1].marker.color


def test_narrative_html_escapes_raw_html():
    html = narrative_html("Plain **bold** <script>alert(1)</script>")
    assert "<strong>bold</strong>" in html and "<script>" not in html


# -- a valid minimal case ----------------------------------------------------------------


def test_minimal_case_fixture_is_valid():
    case = load_case_file(MINIMAL)
    assert case.part_ids == ("opening", "closing")  # explicit id, then one made from the title
    assert case.decision("what-next").option("go").label == "She goes"
    assert case.decisions_after("opening")[0].id == "what-next"
    assert case.reflections_after("closing")[0].id == "your-move"
    assert case.key_facts[0].contested and not case.key_facts[1].contested
    assert case.source.year == 2020
    assert case.phases[1].years == pytest.approx(1.5)


def test_cached_load_sees_an_authors_edit(tmp_path):
    meta, body = minimal()
    path = write_case(tmp_path, meta, body)
    assert load_case_file(path).title == "A minimal case"
    meta["title"] = "A longer title than before"
    write_case(tmp_path, meta, body)
    assert load_case_file(path).title == "A longer title than before"


# -- every required field, missing in turn ---------------------------------------------------

REQUIRED = [
    (("id",), "front matter: id"),
    (("title",), "front matter: title"),
    (("source",), "front matter: source"),
    (("objectives",), "front matter: objectives"),
    (("minutes",), "front matter: minutes"),
    (("phases",), "front matter: phases"),
    (("decisions",), "front matter: decisions"),
    (("discussion",), "front matter: discussion"),
    (("key_facts",), "front matter: key_facts"),
    (("reflections",), "front matter: reflections"),
    (("teaching_notes",), "front matter: teaching_notes"),
    (("source", "title"), "source: title"),
    (("source", "author"), "source: author"),
    (("source", "outlet"), "source: outlet"),
    (("source", "url"), "source: url"),
    (("phases", 0, "label"), "phases[0]: label"),
    (("phases", 0, "start"), "phases[0]: start"),
    (("phases", 0, "end"), "phases[0]: end"),
    (("phases", 0, "summary"), "phases[0]: summary"),
    (("decisions", 0, "id"), "decisions[0]: id"),
    (("decisions", 0, "after"), "decisions[0]: after"),
    (("decisions", 0, "prompt"), "decisions[0]: prompt"),
    (("decisions", 0, "options"), "decisions[0]: options"),
    (("decisions", 0, "outcome"), "decisions[0]: outcome"),
    (("decisions", 0, "options", 1, "id"), "decisions[0].options[1]: id"),
    (("decisions", 0, "options", 1, "label"), "decisions[0].options[1]: label"),
    (("key_facts", 0, "fact"), "key_facts[0]: fact"),
    (("key_facts", 0, "citation"), "key_facts[0]: citation"),
    (("key_facts", 0, "note"), "key_facts[0]: note"),  # required when contested
    (("reflections", 0, "id"), "reflections[0]: id"),
    (("reflections", 0, "after"), "reflections[0]: after"),
    (("reflections", 0, "prompt"), "reflections[0]: prompt"),
    (("teaching_notes", "timing"), "teaching_notes: timing"),
    (("teaching_notes", "board_plan"), "teaching_notes: board_plan"),
    (("teaching_notes", "listen_for"), "teaching_notes: listen_for"),
    (("teaching_notes", "timing", 0, "minutes"), "teaching_notes.timing[0]: minutes"),
    (("teaching_notes", "timing", 0, "activity"), "teaching_notes.timing[0]: activity"),
    (("teaching_notes", "synopsis"), "teaching_notes: synopsis"),
    (("teaching_notes", "pre_class"), "teaching_notes: pre_class"),
    (("teaching_notes", "takeaways"), "teaching_notes: takeaways"),
    (("teaching_notes", "pre_class", 0, "task"), "teaching_notes.pre_class[0]: task"),
    (("teaching_notes", "pre_class", 0, "minutes"), "teaching_notes.pre_class[0]: minutes"),
    (("teaching_notes", "timing", 0, "title"), "teaching_notes.timing[0]: title"),
    (("teaching_notes", "timing", 0, "lead_question"),
     "teaching_notes.timing[0]: lead_question"),
    (("teaching_notes", "timing", 0, "probes"), "teaching_notes.timing[0]: probes"),
    (("teaching_notes", "timing", 0, "expect"), "teaching_notes.timing[0]: expect"),
    (("teaching_notes", "timing", 0, "poll", "decision"),
     "teaching_notes.timing[0].poll: decision"),
    (("teaching_notes", "timing", 0, "poll", "method"), "teaching_notes.timing[0].poll: method"),
    (("teaching_notes", "timing", 0, "poll", "run"), "teaching_notes.timing[0].poll: run"),
    (("teaching_notes", "timing", 0, "poll", "then"), "teaching_notes.timing[0].poll: then"),
    (("teaching_notes", "timing", 1, "if_late", "cut"), "teaching_notes.timing[1].if_late: cut"),
    (("teaching_notes", "timing", 1, "if_late", "saves"),
     "teaching_notes.timing[1].if_late: saves"),
]


@pytest.mark.parametrize("field, place", REQUIRED, ids=[p for _, p in REQUIRED])
def test_each_required_field_missing_names_file_and_field(tmp_path, field, place):
    meta, body = minimal()
    meta = copy.deepcopy(meta)
    parent = meta
    for step in field[:-1]:
        parent = parent[step]
    del parent[field[-1]]
    path = write_case(tmp_path, meta, body)
    with pytest.raises(ContentError) as info:
        load_case_file(path)
    problems = info.value.problems
    assert [p.place for p in problems] == [place], str(info.value)
    assert problems[0].problem.startswith("is missing")
    assert problems[0].fix  # says how to fix it
    assert "minimal.md" in str(info.value)


def test_source_without_url_needs_a_note(tmp_path):
    meta, body = minimal()
    del meta["source"]["url"]
    meta["source"]["note"] = "Only in print; ask the library."
    assert load_case_file(write_case(tmp_path, meta, body)).source.url is None


# -- wrong types, unknown fields, bad values ----------------------------------------------


@pytest.mark.parametrize("field, value, place, words", [
    (("title",), 42, "front matter: title", "should be text, not a number"),
    (("minutes",), "ten", "front matter: minutes", "should be a whole number"),
    (("minutes",), True, "front matter: minutes", "should be a whole number"),
    (("minutes",), 0, "front matter: minutes", "positive"),
    (("objectives",), "Know things", "front matter: objectives", "should be a list"),
    (("objectives", 0), {"a": 1}, "objectives[0]", "should be text"),
    (("decisions", 0, "options"), "stay or go", "decisions[0]: options", "should be a list"),
    (("decisions", 0, "options", 0), "stay", "decisions[0].options[0]", "set of fields"),
    (("phases", 0, "start"), "1990", "phases[0]: start", "should be a number"),
    (("phases", 0, "end"), 0, "phases[0]: end", "not after start"),
    (("key_facts", 0, "contested"), "yes", "key_facts[0]: contested", "true or false"),
    (("source", "url"), "example.org", "source: url", "not a web address"),
    (("source",), "A magazine", "front matter: source", "should be a mapping"),
    (("decisions", 0, "id"), "What Next", "decisions[0]: id", "not a valid id"),
    (("teaching_notes", "timing", 0, "minutes"), -5, "teaching_notes.timing[0]: minutes",
     "is -5"),
])
def test_wrong_type_or_value(tmp_path, field, value, place, words):
    meta, body = minimal()
    parent = meta
    for step in field[:-1]:
        parent = parent[step]
    parent[field[-1]] = value
    errors = errors_of(write_case(tmp_path, meta, body))
    assert any(e.startswith(place + " |") and words in e for e in errors), errors


def test_unknown_field_suggests_the_known_one(tmp_path):
    meta, body = minimal()
    meta["decisions"][0]["outcom"] = meta["decisions"][0].pop("outcome")
    meta["titel"] = "typo"
    errors = errors_of(write_case(tmp_path, meta, body))
    assert any(e.startswith("decisions[0]: outcom | is not a known field")
               and "did you mean 'outcome'" in e for e in errors), errors
    assert any(e.startswith("front matter: titel |") and "'title'" in e for e in errors)


def test_all_problems_of_a_file_are_listed_at_once(tmp_path):
    meta, body = minimal()
    del meta["title"]
    meta["minutes"] = "soon"
    meta["decisions"][0]["after"] = "nowhere"
    places = places_of(write_case(tmp_path, meta, body))
    assert places == ["front matter: title", "front matter: minutes", "decisions[0]: after"]


# -- ids and references ---------------------------------------------------------------


def test_duplicate_ids(tmp_path):
    meta, body = minimal()
    meta["decisions"].append(copy.deepcopy(meta["decisions"][0]))
    meta["decisions"][0]["options"][1]["id"] = "stay"
    meta["reflections"].append(copy.deepcopy(meta["reflections"][0]))
    body += "\n## Closing again {#closing}\n\nTwice.\n"
    errors = errors_of(write_case(tmp_path, meta, body))
    assert any(e.startswith("decisions[1]: id | decision id 'what-next' is used twice")
               for e in errors), errors
    assert any(e.startswith("decisions[0].options[1]: id | option id 'stay' is used twice")
               for e in errors), errors
    assert any(e.startswith("reflections[1]: id | reflection id 'your-move'") for e in errors)
    assert any("part id 'closing' is used twice" in e and e.startswith("line ") for e in errors)


def test_decision_referencing_a_missing_part(tmp_path):
    meta, body = minimal()
    meta["decisions"][0]["after"] = "the-middle"
    (error,) = errors_of(write_case(tmp_path, meta, body))
    assert error.startswith("decisions[0]: after | refers to part 'the-middle'")
    assert "closing, opening" in error  # the fix lists the parts that exist


def test_reflection_referencing_a_missing_part(tmp_path):
    meta, body = minimal()
    meta["reflections"][0]["after"] = "epilogue"
    (error,) = errors_of(write_case(tmp_path, meta, body))
    assert error.startswith("reflections[0]: after | refers to part 'epilogue'")


def test_a_decision_needs_two_options(tmp_path):
    meta, body = minimal()
    meta["decisions"][0]["options"] = meta["decisions"][0]["options"][:1]
    (error,) = errors_of(write_case(tmp_path, meta, body))
    assert error.startswith("decisions[0]: options | has 1 option")


def test_timing_must_sum_to_ninety(tmp_path):
    meta, body = minimal()
    meta["teaching_notes"]["timing"][1]["minutes"] = 45
    (error,) = errors_of(write_case(tmp_path, meta, body))
    assert error.startswith("teaching_notes: timing | adds up to 75 minutes, not 90")
    assert "add 15 minutes" in error


def test_id_must_match_file_name(tmp_path):
    meta, body = minimal()
    (error,) = errors_of(write_case(tmp_path, meta, body, name="other-name"))
    assert error.startswith("front matter: id | 'minimal' differs from the file name")
    assert "rename the file to minimal.md or set id: other-name" in error


# -- the narrative -------------------------------------------------------------------------


def test_body_without_parts(tmp_path):
    meta, _ = minimal()
    (error,) = errors_of(write_case(tmp_path, meta, "Just some text.\n"))
    assert error.startswith("body | has no parts")


def test_text_before_first_part_and_empty_part_give_lines(tmp_path):
    meta, body = minimal()
    text = "Stray intro.\n" + body.replace("She made it.", "")
    errors = errors_of(write_case(tmp_path, meta, text))
    lines = Path(tmp_path / "minimal.md").read_text().split("\n")
    stray = lines.index("Stray intro.") + 1
    closing = lines.index("## Closing") + 1
    assert f"line {stray} | text before the first part heading" in " ".join(errors)
    assert any(e.startswith(f"line {closing} | part 'closing' has no text") for e in errors)


def test_headings_inside_code_fences_are_not_parts(tmp_path):
    meta, body = minimal()
    body = body.replace("She made it.", "She made it.\n\n```\n## not a part\n```\n")
    assert load_case_file(write_case(tmp_path, meta, body)).part_ids == ("opening", "closing")


# -- unreadable files -------------------------------------------------------------------------


def test_bad_encoding_names_the_line(tmp_path):
    path = tmp_path / "minimal.md"
    raw = MINIMAL.read_bytes().replace(b"A magazine", "Le Monde diplomatique é".encode("latin-1"))
    path.write_bytes(raw)
    line = raw.split(b"\n").index(b"  outlet: Le Monde diplomatique \xe9") + 1
    with pytest.raises(ContentError) as info:
        load_case_file(path)
    (p,) = info.value.problems
    assert p.place == f"line {line}" and "not valid UTF-8" in p.problem and "UTF-8" in p.fix


def test_empty_file(tmp_path):
    path = tmp_path / "minimal.md"
    path.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(ContentError, match="minimal.md: the file is empty"):
        load_case_file(path)


def test_missing_front_matter_close(tmp_path):
    path = tmp_path / "minimal.md"
    path.write_text("---\nid: minimal\ntitle: x\n\n## Part\n\nText\n", encoding="utf-8")
    with pytest.raises(ContentError, match="closing '---' line is missing"):
        load_case_file(path)


def test_no_front_matter(tmp_path):
    path = tmp_path / "minimal.md"
    path.write_text("## Part\n\nText\n", encoding="utf-8")
    with pytest.raises(ContentError, match="line 1: the file does not start with front matter"):
        load_case_file(path)


def test_yaml_syntax_error_gives_the_line(tmp_path):
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "title: A minimal case", "title: A minimal case\n  bad: [unclosed")
    path = tmp_path / "minimal.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_case_file(path)
    (p,) = info.value.problems
    assert p.place.startswith("line ") and "YAML syntax error" in p.problem
    assert int(p.place.split()[1]) in (4, 5)  # the bad line (4) or where YAML noticed (5)


def test_front_matter_that_is_not_a_mapping(tmp_path):
    path = tmp_path / "minimal.md"
    path.write_text("---\n- a\n- b\n---\n## P\n\nx\n", encoding="utf-8")
    with pytest.raises(ContentError, match="front matter: is not a set of 'field: value'"):
        load_case_file(path)


def test_missing_file_and_unknown_case(tmp_path):
    with pytest.raises(ContentError, match="file not found"):
        load_case_file(tmp_path / "nope.md")
    with pytest.raises(ContentError, match="there is no such case. Fix: use one of: "
                                           "the-career-impasse, the-first-step"):
        load_case("the-last-step")
    with pytest.raises(ContentError, match="no such case"):
        load_case("../course")  # not an id: never read as a path


# -- whole-course checks ------------------------------------------------------------------


def _course(tmp_path: Path) -> Path:
    repo = Path(__file__).resolve().parent.parent
    course = tmp_path / "course"
    (course / "samples").mkdir(parents=True)
    shutil.copy(repo / "course.yaml", course / "course.yaml")
    shutil.copytree(repo / "cases", course / "cases")
    shutil.copytree(repo / "instruments", course / "instruments")  # pre-class questionnaires
    shutil.copytree(repo / "samples" / "people", course / "samples" / "people")
    return course


def test_check_cases_passes_on_the_shipped_cases(tmp_path):
    assert check_cases(_course(tmp_path)) == []


def test_check_cases_names_the_broken_file(tmp_path):
    course = _course(tmp_path)
    path = course / "cases" / "the-first-step.md"
    path.write_text(path.read_text(encoding="utf-8").replace("minutes: 75\n", "minutes: lots\n"),
                    encoding="utf-8")
    problems = check_cases(course)
    assert len(problems) == 1
    assert problems[0].file.endswith("the-first-step.md")
    assert problems[0].place == "front matter: minutes"
    # `coursekit check` runs this checker
    from coursekit.check import check_course

    assert problems[0] in check_course(course)
    # and list_cases refuses the broken course with the same message
    with pytest.raises(ContentError, match="the-first-step.md: front matter: minutes"):
        list_cases(course)


def test_check_cases_reports_sample_entries_that_no_longer_fit(tmp_path):
    course = _course(tmp_path)
    path = course / "samples" / "people" / "amara.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("value: build", "value: emigrate", 1), encoding="utf-8")
    (problem,) = check_cases(course)
    assert problem.file.endswith("amara.yaml") and problem.place.endswith(": value")
    assert "'emigrate' is not an option of decision 'after-the-talk'" in problem.problem


def test_check_cases_without_a_cases_folder(tmp_path):
    (problem,) = check_cases(tmp_path)
    assert "cases folder is missing" in problem.problem


def test_the_example_in_the_authoring_guide_is_a_valid_case(tmp_path):
    import re

    guide = (Path(__file__).resolve().parent.parent / "docs" / "authoring.md").read_text(
        encoding="utf-8")
    example = re.search(r"```markdown\n(.*?)```", guide, re.S).group(1)
    path = tmp_path / "the-offer.md"
    path.write_text(example, encoding="utf-8")
    case = load_case_file(path)
    assert case.part_ids == ("the-call", "the-first-year")
    assert case.teaching_notes.total_minutes == SESSION_MINUTES
