"""The one translator: every kind of pydantic error becomes file, place, problem and fix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal

import pytest
from pydantic import (
    BaseModel,
    BeforeValidator,
    StringConstraints,
    ValidationError,
    model_validator,
)

from coursekit import ContentError
from coursekit import _schema as schema
from coursekit._case_model import Case
from coursekit._problems import Places, describe, suggest
from coursekit.cases import parse_case_file
from coursekit.network.model import parse_types


class Option(schema.ContentModel):
    id: schema.Key
    label: schema.Text


class Block(schema.ContentModel):
    minutes: schema.Positive
    activity: schema.Text


class Talk(schema.ContentModel):
    id: Annotated[schema.Text, schema.same_as_file_name]
    title: schema.Text
    minutes: schema.Whole
    share: schema.Number = 0.5
    public: schema.Flag = False
    held: schema.Day | None = None
    layout: Literal["bars", "hexagon"] = "bars"
    topics: schema.TextList
    options: Annotated[tuple[Option, ...], schema.unique("id", "option id")] = ()
    blocks: tuple[Block, ...] = ()
    note: Annotated[str, StringConstraints(max_length=10)] = ""
    types: Annotated[tuple[str, ...], BeforeValidator(parse_types)] = ()
    path: Annotated[str, schema.NotInFile()] = ""


GOOD = {"id": "talk", "title": "A talk", "minutes": 30, "topics": ["One"]}


def problems(data: dict, model: Any = Talk, places: Places | None = None,
             **context) -> list[tuple[str, str, str]]:
    value, found = schema.problems_of(model, data, "talks/talk.yaml", places=places,
                                      context=context)
    assert (value is None) == bool(found)
    assert all(p.file == "talks/talk.yaml" for p in found)
    return [(p.place, p.problem, p.fix) for p in found]


def only(data: dict, **kw) -> tuple[str, str, str]:
    (found,) = problems({**GOOD, **data}, **kw)
    return found


def test_a_valid_file_gives_its_model():
    talk = schema.validate(Talk, {**GOOD, "options": [{"id": 1, "label": "x"}]}, "t.yaml")
    assert isinstance(talk, Talk) and talk.options[0].id == "1"  # an id YAML read as a number
    with pytest.raises(ValidationError):
        talk.title = "changed"  # content models are frozen


# -- each kind of error --------------------------------------------------------------------

@pytest.mark.parametrize("field, example", [("title", "title: ..."), ("minutes", "minutes: 3"),
                                             ("topics", "topics: [a, b]")])
def test_missing_field_names_an_example_of_its_kind(field, example):
    data = {k: v for k, v in GOOD.items() if k != field}
    ((place, problem, fix),) = problems(data)
    assert (place, problem) == (field, "is missing")
    assert fix.startswith(f"add '{example}")


def test_a_required_field_left_empty_is_missing_and_an_optional_one_is_not_given():
    assert only({"title": None})[:2] == ("title", "is missing")
    assert problems({**GOOD, "share": None, "held": None}) == []


@pytest.mark.parametrize("field, value, words", [
    ("title", 42, "should be text, not a number"),
    ("minutes", "ten", "should be a whole number, not text"),
    ("minutes", True, "should be a whole number, not true/false"),
    ("minutes", 2.5, "should be a whole number, not a number"),
    ("share", "half", "should be a number, not text"),
    ("public", "yes", "should be true or false, not text"),
    ("held", "2024-13-01", "should be a date, not text"),
    ("topics", "One", "should be a list, not text"),
    ("options", {"id": "a"}, "should be a list, not a mapping"),
])
def test_wrong_type_in_plain_words(field, value, words):
    place, problem, fix = only({field: value})
    assert (place, problem) == (field, words)
    assert fix.startswith(f"write {field} as ") and f"e.g. {field}: " in fix


def test_wrong_type_of_a_list_entry_says_how_entries_are_written():
    assert only({"topics": ["One", {"a": 1}]}) == (
        "topics[1]", "should be text, not a mapping",
        "write each entry of topics as '- text' (quote text holding ': ')")
    place, problem, fix = only({"options": ["stay"]})
    assert (place, problem) == ("options[0]", "should be a mapping (a set of fields), not text")
    assert fix == "write each entry of options as indented 'name: value' lines after '- '"


def test_unknown_field_suggests_the_closest_known_one_and_never_an_internal_field():
    assert only({"titel": "x"}) == ("titel", "is not a known field",
                                    "remove it, or did you mean 'title'?")
    assert "path" not in only({"pth": 1})[2]


def test_a_text_cut_at_a_comma_gets_its_own_hint():
    place, problem, fix = only({"options": [{"id": "a", "label": "First", "really.": None}]})
    assert place == "options[0]: really."
    assert problem == "looks like the end of a text cut off at a comma" and "quotes" in fix


def test_a_field_coursekit_fills_in_is_refused_in_a_file_but_not_in_code():
    assert only({"path": "x"})[1] == "is filled in by coursekit, not written in the file"
    assert Talk(**{**GOOD, "path": "x"}).path == "x"


def test_choice_not_allowed_lists_the_choices_with_a_hint():
    assert only({"layout": "hexagonal"}) == (
        "layout", "'hexagonal' is not one of the allowed values",
        "use one of: bars, hexagon (did you mean 'hexagon'?)")


def test_empty_text_and_empty_list():
    assert only({"title": "  "}) == ("title", "is empty", "fill in title")
    assert only({"topics": []}) == ("topics", "is empty", "add at least one entry under topics")


def test_text_too_long_and_number_out_of_range():
    assert only({"note": "x" * 12}) == ("note", "is 12 characters long",
                                        "shorten it to at most 10 characters")
    assert only({"blocks": [{"minutes": -5, "activity": "a"}]})[:2] == (
        "blocks[0]: minutes", "is -5, not a positive number")


def test_a_parser_error_is_split_into_problem_and_fix():
    assert only({"types": ["strategc"]}) == (
        "types", "'strategc' is not a network type",
        "use operational, personal or strategic (several separated by ';')")


def test_a_check_reports_at_a_place_inside_the_value_and_refers_to_another():
    place, problem, fix = only({"options": [{"id": "a", "label": "x"}, {"id": "a", "label": "y"}]})
    assert place == "options[1]: id"
    assert problem == "option id 'a' is used twice (also at options[0]: id)"
    assert fix == "use each option id only once"


def test_id_must_equal_the_file_name():
    assert problems(GOOD, stem="other", suffix=".yaml") == [
        ("id", "'talk' differs from the file name 'other'",
         "rename the file to talk.yaml or set id: other")]


def test_not_a_mapping_at_all():
    ((place, problem, fix),) = problems(["a", "b"])
    assert (place, problem) == ("", "should be a mapping (a set of fields), not a list")
    assert "'name: value'" in fix


# -- several problems at once ------------------------------------------------------------------

def test_every_problem_of_a_file_is_reported_in_order():
    data = {"id": "talk", "title": 3, "minutes": "ten", "topics": [],
            "options": [{"id": "a", "label": ""}, {"id": "a", "label": "b", "colour": 1}],
            "colour": "red"}
    assert [p for p, _, _ in problems(data)] == [
        "title", "minutes", "topics", "options[0]: label", "options[1]: colour",
        "options[1]: id", "colour"]


def test_ids_used_twice_are_reported_beside_a_broken_entry():
    found = problems({**GOOD, "options": [{"id": "a"}, {"id": "a", "label": "y"}]})
    assert [p for p, _, _ in found] == ["options[0]: label", "options[1]: id"]


class Item(schema.ContentModel):
    id: schema.Key
    scale: Annotated[schema.Text, schema.refers_to("scales", "'{value}' is not a scale",
                                     "use one of: {known}{hint}")]


class Scale(schema.ContentModel):
    id: schema.Text
    name: schema.Text


class Quiz(schema.ContentModel):
    scales: schema.NonEmpty[Scale]
    items: schema.NonEmpty[Item]

    @model_validator(mode="before")
    @classmethod
    def _declare(cls, data, info):
        schema.declare(info, "scales", data, "scales")
        return data


def test_a_reference_is_checked_against_what_the_file_declares_even_when_broken():
    data = {"scales": [{"id": "alpha"}, {"id": "beta", "name": "B"}],
            "items": [{"id": "a1", "scale": "alpah"}, {"id": "b1", "scale": "beta"}]}
    found = problems(data, Quiz, Places(named=True))
    assert found == [
        ("scales[0] (id alpha): name", "is missing", "add 'name: ...'"),
        ("items[0] (id a1): scale", "'alpah' is not a scale",
         "use one of: alpha, beta (did you mean 'alpha'?)")]


# -- places -------------------------------------------------------------------------------------

@pytest.mark.parametrize("places, loc, data, place", [
    (Places(top="front matter", nest="."), ("title",), None, "front matter: title"),
    (Places(top="front matter", nest="."), ("source", "url"), None, "source: url"),
    (Places(top="front matter", nest="."), ("objectives", 0), None, "objectives[0]"),
    (Places(top="front matter", nest="."), ("teaching_notes", "timing", 0, "minutes"), None,
     "teaching_notes.timing[0]: minutes"),
    (Places(nest=".", prefix=("network",)), ("contacts", 1, "types"), None,
     "network.contacts[1]: types"),
    (Places(nest=".", prefix=("network",)), ("colour",), None, "network: colour"),
    (Places(prefix=("plan",)), ("paths", "current", "liking"), None,
     "plan: paths: current: liking"),
    (Places(prefix=("plan",)), (), None, "plan"),
    (Places(prefix=("responses",)), ("career-drivers", 0, "cd01"), None,
     "responses: career-drivers[0]: cd01"),
    (Places(named=True, listed=("reverse_keyed",)), ("reverse_keyed", 1),
     {"reverse_keyed": ["a3", "a9"]}, "reverse_keyed: a9"),
    (Places(named=True), ("scales", 0, "bands", 1, "range"),
     {"scales": [{"id": "alpha", "bands": {"low": {}, "high": {}}}]},
     "scales[0] (id alpha): bands: high: range"),
    (Places(named=True), ("band_ranges", "lo", "[key]"), None, "band_ranges: lo"),
    (Places(named=True), ("response_scale", "labels", 7), {"response_scale": {"labels": {"7": 1}}},
     "response_scale: labels: 7"),
])
def test_places_as_each_kind_of_file_names_them(places, loc, data, place):
    assert places.place(loc, data) == place


# -- line numbers -----------------------------------------------------------------------------

def test_a_known_line_is_the_place_of_everything_under_it():
    places = Places(top="body", lines={(0,): 12, (1,): 20})
    assert places.place((1, "text")) == "line 20"
    assert places.place((0,)) == "line 12"
    assert places.place(()) == "body"


def test_line_numbers_of_a_case_file_are_kept(tmp_path):
    text = (Path(__file__).parent / "files" / "cases" / "minimal.md").read_text(encoding="utf-8")
    path = tmp_path / "minimal.md"
    path.write_text(text.replace("She made it.", "").replace("title: A minimal case",
                                                             "title: [unclosed"),
                    encoding="utf-8")
    with pytest.raises(ContentError) as info:  # a YAML syntax error in the front matter
        parse_case_file(path)
    (problem,) = info.value.problems
    assert problem.place in ("line 3", "line 4")  # the bad line, or where YAML noticed
    assert "YAML syntax error" in problem.problem
    path.write_text(text.replace("She made it.", "").replace("minutes: 10", "minutes: ten"),
                    encoding="utf-8")
    with pytest.raises(ContentError) as info:  # a field, and a part with no text
        parse_case_file(path)
    closing = text.split("\n").index("## Closing") + 1
    assert [(p.place, p.problem) for p in info.value.problems] == [
        ("front matter: minutes", "should be a whole number, not text"),
        (f"line {closing}", "part 'closing' has no text")]


# -- the pieces -----------------------------------------------------------------------------

def test_fail_outside_a_model_is_a_pydantic_error():
    from pydantic_core import PydanticCustomError

    with pytest.raises(PydanticCustomError):
        schema.fail("is wrong", "fix it", "here")


def test_the_models_are_the_content_models():
    assert issubclass(Case, BaseModel) and Case.model_config["frozen"]


def test_words_and_hints():
    assert describe(dt.date(2024, 1, 1)) == "a date" and describe([1]) == "a list"
    assert suggest("x", []) == ""
    assert suggest("mid", ["low", "middle", "high"]) == " (did you mean 'middle'?)"
