"""Instruments as data: loading, and every malformed case reported with file, place, fix."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from coursekit import check as ck_check
from coursekit._errors import ContentError
from coursekit.assessment import check_instruments, list_instruments, load_instrument
from coursekit.assessment.instruments import load_instrument_file

FILES = Path(__file__).parent / "files" / "assessment"
MINI = yaml.safe_load((FILES / "mini.yaml").read_text(encoding="utf-8"))


def make_course(tmp_path: Path, data: dict, name: str = "mini", people: dict | None = None) -> Path:
    """A course folder holding one instrument (and optionally sample people)."""
    course = tmp_path / "course"
    (course / "instruments").mkdir(parents=True)
    (course / "course.yaml").write_text("title: test\nparts: []\n", encoding="utf-8")
    (course / "instruments" / f"{name}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    for pid, person in (people or {}).items():
        (course / "samples" / "people").mkdir(parents=True, exist_ok=True)
        (course / "samples" / "people" / f"{pid}.yaml").write_text(yaml.safe_dump(person),
                                                                   encoding="utf-8")
    return course


def problems_for(tmp_path: Path, data: dict, **kw) -> list[str]:
    return [str(p) for p in check_instruments(make_course(tmp_path, data, **kw))]


def mini(**changes) -> dict:
    data = copy.deepcopy(MINI)
    data.update(changes)
    return data


# -- the shipped instruments --------------------------------------------------------------

def test_shipped_instruments_are_valid_and_at_least_four():
    ids = [i.id for i in list_instruments()]
    assert {"move-readiness", "outsight-audit", "career-drivers", "career-adaptability"} <= set(ids)
    assert check_instruments(Path(__file__).parent.parent) == []


@pytest.mark.parametrize("iid, scales", [
    ("move-readiness", {"culture", "language", "workload", "health", "family", "support"}),
    ("career-drivers", {"technical", "managerial", "autonomy", "security", "entrepreneurial",
                        "service", "challenge", "lifestyle"}),
    ("career-adaptability", {"concern", "control", "curiosity", "confidence"}),
    ("outsight-audit", {"reach", "strategic", "senior", "visibility", "currency", "habits"}),
])
def test_frameworks_are_covered(iid, scales):
    inst = load_instrument(iid)
    assert set(inst.scale_ids) == scales
    assert all(len(s.item_ids) >= 3 for s in inst.scales)
    assert all({b.name for b in s.bands} == {"low", "middle", "high"} for s in inst.scales)


def test_few_reverse_keyed_items():
    # Swain et al. (2008): reversed items cause misresponse; the course uses few.
    for inst in list_instruments():
        share = sum(i.reverse for i in inst.items) / len(inst.items)
        assert share <= 0.1, inst.id


def test_riasec_uses_hexagon_in_theory_order():
    inst = load_instrument("work-interests")
    assert inst.layout == "hexagon"
    assert [s[0] for s in inst.scale_ids] == list("riasec")


def test_bands_cover_scale_for_every_instrument():
    for inst in list_instruments():
        for scale in inst.scales:
            for x in (1, 1.5, 2.4999, 2.5, 3, 3.5, 3.75, 4.9, 5):
                assert scale.band_for(x) is not None, (inst.id, scale.id, x)


def test_checked_by_coursekit_check(tmp_path):
    from coursekit.cli import init_course

    course = init_course(tmp_path / "course")
    path = course / "instruments" / "career-drivers.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("minutes:", "minutez:", 1),
                    encoding="utf-8")
    assert any(p.file.endswith("career-drivers.yaml") for p in ck_check.check_course(course))


def test_unknown_instrument_lists_known():
    with pytest.raises(KeyError, match="career-drivers"):
        load_instrument("carer-drivers")


def test_mini_loads(tmp_path):
    inst = load_instrument_file(FILES / "mini.yaml")
    assert inst.item_ids == ("a1", "a2", "a3", "b1", "b2")
    assert [i.id for i in inst.items if i.reverse] == ["a3"]
    assert inst.scale("beta").bands[0].label == "Low"  # default label
    assert inst.exercise == "assessment:mini"


# -- malformed instruments: each named with file, place and fix ---------------------------

def test_duplicate_item_id(tmp_path):
    data = mini()
    data["items"][4]["id"] = "b1"
    [msg] = problems_for(tmp_path, data)
    assert "instruments/mini.yaml" in msg and "items[4] (id b1)" in msg
    assert "used twice" in msg and "items[3]" in msg and "Fix:" in msg


def test_unknown_scale(tmp_path):
    data = mini()
    data["items"][1]["scale"] = "alpah"
    [msg] = problems_for(tmp_path, data)
    assert "mini.yaml" in msg and "items[1] (id a2): scale" in msg
    assert "'alpah' is not a scale" in msg and "did you mean 'alpha'" in msg


def test_reverse_key_on_missing_item(tmp_path):
    [msg] = problems_for(tmp_path, mini(reverse_keyed=["a3", "a9"]))
    assert "mini.yaml: reverse_keyed: a9" in msg and "missing item" in msg and "Fix:" in msg


def test_reverse_keyed_list_marks_items():
    data = mini(reverse_keyed=["b2"])
    from coursekit.assessment.instruments import parse_instrument
    inst = parse_instrument(data, "x.yaml", "mini")
    assert [i.id for i in inst.items if i.reverse] == ["a3", "b2"]


@pytest.mark.parametrize("bands", [{}, None])
def test_empty_bands(tmp_path, bands):
    data = mini()
    data["scales"][1]["bands"] = bands
    [msg] = problems_for(tmp_path, data)
    assert "scales[1] (id beta): bands" in msg and "no bands" in msg


def test_bands_with_gap(tmp_path):
    data = mini()
    data["scales"][0]["bands"]["high"]["range"] = [3.75, 5]
    [msg] = problems_for(tmp_path, data)
    assert "scales[0] (id alpha): bands: high: range" in msg and "gap" in msg
    assert "start high where middle ends (3.5)" in msg


def test_bands_not_covering_top(tmp_path):
    data = mini(band_ranges={"low": [1, 2.5], "middle": [2.5, 3.5], "high": [3.5, 4.5]})
    msgs = problems_for(tmp_path, data)
    assert len(msgs) == 2  # both scales
    assert all("ends at 4.5, so scores up to 5 are in no band" in m for m in msgs)


def test_band_range_out_of_response_scale(tmp_path):
    data = mini(band_ranges={"low": [0, 2.5], "middle": [2.5, 3.5], "high": [3.5, 5]})
    msgs = problems_for(tmp_path, data)
    assert any("band_ranges: low" in m and "out of range" in m for m in msgs)


def test_band_missing_next_step(tmp_path):
    data = mini()
    del data["scales"][0]["bands"]["low"]["next_step"]
    [msg] = problems_for(tmp_path, data)
    assert "scales[0] (id alpha): bands: low: next_step: is missing" in msg


def test_response_labels_missing_a_point(tmp_path):
    data = mini()
    del data["response_scale"]["labels"][3]
    msgs = problems_for(tmp_path, data)
    assert any("response_scale: labels" in m and "no label for 3" in m for m in msgs)


def test_scale_without_items_and_min_answered_too_high(tmp_path):
    data = mini()
    data["items"] = [i for i in data["items"] if i["scale"] != "beta"]
    data["scales"][0]["min_answered"] = 4
    msgs = problems_for(tmp_path, data)
    assert any("scales[1] (id beta)" in m and "has no items" in m for m in msgs)
    assert any("scales[0] (id alpha): min_answered" in m and "3 item(s)" in m for m in msgs)


def test_id_must_match_file_name(tmp_path):
    [msg] = problems_for(tmp_path, mini(id="other"))
    assert "differs from the file name 'mini'" in msg


def test_unquoted_comma_gets_a_helpful_message(tmp_path):
    course = make_course(tmp_path, mini())
    path = course / "instruments" / "mini.yaml"
    path.write_text(path.read_text() + "", encoding="utf-8")
    text = (FILES / "mini.yaml").read_text(encoding="utf-8").replace(
        "text: First A item.}", "text: First A item, really.}")
    path.write_text(text, encoding="utf-8")
    [msg] = [str(p) for p in check_instruments(course)]
    assert "items[0] (id a1): really." in msg and "quotes" in msg


def test_yaml_syntax_error_is_reported_with_line(tmp_path):
    course = make_course(tmp_path, mini())
    (course / "instruments" / "mini.yaml").write_text("id: mini\ntitle: [oops\n", encoding="utf-8")
    [msg] = [str(p) for p in check_instruments(course)]
    assert "mini.yaml: line" in msg and "YAML syntax error" in msg


def test_all_problems_reported_at_once(tmp_path):
    data = mini()
    data["items"][4]["id"] = "b1"
    data["items"][1]["scale"] = "nope"
    data["scales"][1]["bands"] = {}
    assert len(problems_for(tmp_path, data)) == 3
    with pytest.raises(ContentError) as err:
        load_instrument_file(make_course(tmp_path / "x", data) / "instruments" / "mini.yaml")
    assert len(err.value.problems) == 3


def test_hexagon_needs_six_scales(tmp_path):
    [msg] = problems_for(tmp_path, mini(layout="hexagon"))
    assert "layout" in msg and "six scales" in msg


# -- sample answers checked against the instruments ----------------------------------------

def test_out_of_range_sample_response_fails_check(tmp_path):
    person = {"id": "pat", "name": "Pat", "description": "test",
              "responses": {"mini": [{"a1": 4, "a2": 6}]}}
    [msg] = problems_for(tmp_path, mini(), people={"pat": person})
    assert "samples/people/pat.yaml: responses: mini[0]: a2" in msg
    assert "out of range" in msg and "1 to 5" in msg and "Fix:" in msg


def test_unknown_item_and_instrument_in_samples(tmp_path):
    person = {"id": "pat", "name": "Pat", "description": "test",
              "responses": {"mini": [{"a7": 3}], "minni": [{"a1": 3}]}}
    msgs = problems_for(tmp_path, mini(), people={"pat": person})
    assert any("mini[0]: a7" in m and "not an item" in m for m in msgs)
    assert any("responses: minni" in m and "did you mean 'mini'" in m for m in msgs)


def test_check_course_reports_instrument_problems(tmp_path):
    data = mini()
    data["items"][4]["id"] = "b1"
    course = make_course(tmp_path, data)
    msgs = [str(p) for p in ck_check.check_course(course) if "instruments/" in p.file]
    assert any("used twice" in m for m in msgs)


def test_a_band_read_without_its_instrument_says_it_has_no_range():
    from coursekit.assessment.model import Scale

    scale = Scale(id="x", name="X", description="d", item_ids=("a",),
                  bands={"low": {"meaning": "m", "next_step": "n"}})
    with pytest.raises(ValueError, match="'low' has no range. Fix: give it range"):
        scale.band_for(3)
