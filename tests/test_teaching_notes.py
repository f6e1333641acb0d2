"""Teaching notes a case instructor can teach from (issue 13): the format's checks, what
``coursekit check`` requires, and the shipped notes against the course's other facts."""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from coursekit import list_cases, load_case
from coursekit.cases import load_case_file

from .test_cases import SOURCES, errors_of, minimal, write_case

REPO = Path(__file__).resolve().parent.parent


def coursekit(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coursekit", *args], capture_output=True,
                          text=True, timeout=120)


def with_notes(change) -> tuple[dict, str]:
    """The minimal case with ``change(notes)`` applied to its teaching notes."""
    meta, body = minimal()
    meta = copy.deepcopy(meta)
    change(meta["teaching_notes"])
    return meta, body


def _second_decision(meta: dict) -> None:
    second = copy.deepcopy(meta["decisions"][0])
    second["id"] = "what-then"
    meta["decisions"].append(second)


# -- the format ---------------------------------------------------------------------------


def _title(n: int):
    return lambda notes: notes["timing"][0].__setitem__("title", "x" * n)


BAD = [
    ("three probes", lambda n: n["timing"][0]["probes"].append("And then?"),
     "teaching_notes.timing[0]: probes", "has 3 probes, not 2", "exactly two probes"),
    ("one probe", lambda n: n["timing"][1]["probes"].pop(),
     "teaching_notes.timing[1]: probes", "has 1 probe, not 2", "exactly two probes"),
    ("probes as text", lambda n: n["timing"][0].__setitem__("probes", "Why?"),
     "teaching_notes.timing[0]: probes", "should be a list", "probes"),
    ("no answers to expect", lambda n: n["timing"][0].__setitem__("expect", []),
     "teaching_notes.timing[0]: expect", "is empty", "add at least one entry"),
    ("nothing to cut", lambda n: n["timing"][1].pop("if_late"),
     "teaching_notes: timing", "says nowhere what to cut", "'if_late:'"),
    ("a cut longer than its block", lambda n: n["timing"][1]["if_late"].__setitem__("saves", 61),
     "teaching_notes.timing[1].if_late: saves", "saves 61 minutes of a 60-minute block",
     "at most 60"),
    ("a poll of no decision", lambda n: n["timing"][0]["poll"].__setitem__("decision", "what-nxt"),
     "teaching_notes.timing[0].poll: decision", "'what-nxt' is not a decision point",
     "did you mean 'what-next'"),
    ("a decision nobody polls", lambda n: n["timing"][0].pop("poll"),
     "teaching_notes: timing", "no block polls decision 'what-next'", "add 'poll:'"),
    ("a decision polled twice",
     lambda n: n["timing"][1].__setitem__("poll", copy.deepcopy(n["timing"][0]["poll"])),
     "teaching_notes.timing[1].poll: decision", "polled twice (also at teaching_notes.timing[0]",
     "one block only"),
    ("an unknown poll method", lambda n: n["timing"][0]["poll"].__setitem__("method", "app"),
     "teaching_notes.timing[0].poll: method", "not one of the allowed values",
     "hands, cards, dashboard"),
    ("a block title too long for the figure", _title(41),
     "teaching_notes.timing[0]: title", "is 41 characters long", "at most 40"),
    ("pre-class work without minutes", lambda n: n["pre_class"][0].__setitem__("minutes", 0),
     "teaching_notes.pre_class[0]: minutes", "not a positive number", "above 0"),
    ("a synopsis left empty", lambda n: n.__setitem__("synopsis", "  "),
     "teaching_notes: synopsis", "is empty", "fill in synopsis"),
    ("no takeaways", lambda n: n.__setitem__("takeaways", []),
     "teaching_notes: takeaways", "is empty", "add at least one entry"),
]


@pytest.mark.parametrize("change, place, problem, fix", [b[1:] for b in BAD],
                         ids=[b[0] for b in BAD])
def test_a_broken_teaching_note_is_one_clear_problem(tmp_path, change, place, problem, fix):
    meta, body = with_notes(change)
    (error,) = errors_of(write_case(tmp_path, meta, body))
    where, what, how = error.split(" | ")
    assert where == place and problem in what and fix in how, error


def test_a_missing_field_says_what_it_is_for(tmp_path):
    meta, body = with_notes(lambda n: n["timing"][0].pop("lead_question"))
    (error,) = errors_of(write_case(tmp_path, meta, body))
    assert error == ("teaching_notes.timing[0]: lead_question | is missing | add "
                     "'lead_question: ...': the question that opens the block, as you would "
                     "ask it")


def test_polls_follow_the_story_s_order(tmp_path):
    meta, body = minimal()
    _second_decision(meta)
    timing = meta["teaching_notes"]["timing"]
    timing[1]["poll"] = dict(timing[0]["poll"], decision="what-then")
    assert load_case_file(write_case(tmp_path, meta, body)).teaching_notes.polls[1].decision \
        == "what-then"
    timing[0]["poll"]["decision"], timing[1]["poll"]["decision"] = "what-then", "what-next"
    (error,) = errors_of(write_case(tmp_path, meta, body))
    assert error == ("teaching_notes: timing | polls the decisions in the order what-then, "
                     "what-next | poll them in the story's order: what-next, what-then")


def test_a_new_decision_point_needs_its_poll(tmp_path):
    """Adding a decision to a case whose notes are done is reported until it is polled."""
    meta, body = minimal()
    _second_decision(meta)
    (error,) = errors_of(write_case(tmp_path, meta, body))
    assert error.startswith("teaching_notes: timing | no block polls decision 'what-then'")


def test_a_decision_without_an_id_is_reported_once(tmp_path):
    meta, body = minimal()
    del meta["decisions"][0]["id"]
    assert [e.split(" | ")[0] for e in errors_of(write_case(tmp_path, meta, body))] == \
        ["decisions[0]: id"]


def test_the_minimal_notes_load_whole():
    case = load_case_file(REPO / "tests" / "files" / "cases" / "minimal.md")
    notes = case.teaching_notes
    assert notes.pre_class_minutes == 5 and notes.polls[0].method == "hands"
    assert notes.timing[1].if_late.saves == 10 and notes.references == ()


# -- coursekit check ------------------------------------------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_check_fails_on_a_case_without_its_teaching_notes(course_copy):
    case = course_copy / "cases" / "the-first-step.md"
    text = case.read_text(encoding="utf-8")
    notes = text.index("\nteaching_notes:\n")
    start, end = text.index("  synopsis: >-\n", notes), text.index("  pre_class:\n", notes)
    case.write_text(text[:start] + text[end:], encoding="utf-8")
    second_probe = load_case("the-first-step").teaching_notes.timing[0].probes[1]
    _edit(case, f"        - \"{second_probe}\"\n", "")
    result = coursekit("check", str(course_copy))
    assert result.returncode == 1
    out = result.stdout
    assert ("cases/the-first-step.md: teaching_notes: synopsis: is missing. Fix: add "
            "'synopsis: ...': a few sentences for the instructor") in out
    assert ("cases/the-first-step.md: teaching_notes.timing[0]: probes: has 1 probe, not 2. "
            "Fix: give exactly two probes") in out


def test_check_fails_on_a_decision_point_with_no_poll(course_copy):
    case = course_copy / "cases" / "the-career-impasse.md"
    _edit(case, "        decision: what-broke-it\n", "        decision: what-broke-him\n")
    result = coursekit("check", str(course_copy))
    assert result.returncode == 1
    assert ("cases/the-career-impasse.md: teaching_notes.timing[4].poll: decision: "
            "'what-broke-him' is not a decision point of the case. Fix: use one of the "
            "decisions' ids: first-response, the-promised-role, what-broke-it (did you mean "
            "'what-broke-it'?)") in result.stdout


def test_a_pre_class_questionnaire_takes_the_questionnaire_s_minutes(course_copy):
    from coursekit.check import check_course

    assert check_course(course_copy) == []
    instrument = course_copy / "instruments" / "career-drivers.yaml"
    minutes = yaml.safe_load(instrument.read_text(encoding="utf-8"))["minutes"]
    _edit(instrument, f"minutes: {minutes}\n", f"minutes: {minutes + 3}\n")
    (problem,) = check_course(course_copy)
    assert problem.file.endswith("cases/the-first-step.md")
    assert problem.place == "teaching_notes.pre_class[0]: minutes"
    assert problem.problem == (f"says {minutes} minutes; the questionnaire 'career-drivers' "
                               f"says {minutes + 3} (its 'minutes:')")
    assert problem.fix.startswith(f"write minutes: {minutes + 3}")


def test_a_pre_class_questionnaire_must_exist(course_copy):
    from coursekit.check import check_course

    _edit(course_copy / "cases" / "the-first-step.md", "questionnaire: career-drivers",
          "questionnaire: career-driver")
    (problem,) = check_course(course_copy)
    assert problem.place == "teaching_notes.pre_class[0]: questionnaire"
    assert "'career-driver' is not a questionnaire of the course" in problem.problem
    assert "career-drivers" in problem.fix


def test_the_scaffolded_case_has_teaching_notes_to_replace():
    from coursekit.cases import parse_case_text
    from coursekit.scaffold import case_text

    text = case_text("my-case")
    notes = parse_case_text(text, "my-case.md", "my-case").teaching_notes
    assert [p.decision for p in notes.polls] == ["first-decision", "second-decision"]
    for written in (notes.synopsis, notes.pre_class[0].task, notes.timing[0].lead_question,
                    notes.timing[0].expect[0], notes.takeaways[0]):
        assert written.startswith("Replace with"), written


# -- the shipped notes -----------------------------------------------------------------------


@pytest.mark.parametrize("case", list_cases(), ids=lambda c: c.id)
def test_shipped_notes_are_whole(case):
    notes = case.teaching_notes
    assert len(notes.synopsis.split(". ")) >= 3  # a few sentences, not a line
    assert notes.pre_class and all(t.minutes for t in notes.pre_class)
    assert all(len(step.probes) == 2 and step.expect for step in notes.timing)
    assert [p.decision for p in notes.polls] == [d.id for d in case.decisions]
    assert sum(s.if_late.saves for s in notes.timing if s.if_late) >= 15
    assert notes.timing[-1].if_late is None  # the close is never what gets cut
    assert len(notes.takeaways) >= 3


def _citations(case) -> list[str]:
    return [f.citation for f in case.key_facts] + list(case.teaching_notes.references)


@pytest.mark.parametrize("case", list_cases(), ids=lambda c: c.id)
def test_every_work_the_notes_cite_has_a_full_reference(case):
    """"Harzing (1995)", "Seijts and Latham 2001", "Working Identity (2003)": each named
    work is in the case's key facts or the notes' references, with its year."""
    notes = case.teaching_notes
    text = " ".join([notes.synopsis, *notes.takeaways, *notes.board_plan, *notes.listen_for,
                     *(t for s in notes.timing for t in (s.activity, s.lead_question,
                                                         *s.probes, *s.expect))])
    cited = re.findall(r"\b([A-Z][a-z]+)(?: and [A-Z][a-z]+| et al\.)? \(?((?:19|20)\d\d)\b",
                       text)
    assert cited, "the notes cite nothing"
    references = _citations(case)
    for name, year in cited:
        assert any(name in ref and year in ref for ref in references), (name, year)
    for reference in notes.references:  # authors (year). Title. Outlet.
        assert re.search(r"^[A-Z][^()]+ \((?:19|20)\d\d\)\. .+\. .+", reference), reference


def test_the_notes_set_the_two_cases_against_each_other():
    first, impasse = load_case("the-first-step"), load_case("the-career-impasse")
    for case in (first, impasse):
        assert "Working Identity" in " ".join(case.teaching_notes.references)
    close = impasse.teaching_notes.timing[-1]
    assert "Seijts and Latham 2001" in " ".join(close.expect)
    assert any("learn" in t for t in impasse.teaching_notes.takeaways)


@pytest.mark.skipif(not SOURCES.is_dir(), reason="shared sources not available")
@pytest.mark.parametrize("case_id, source", [
    ("the-first-step", "000_4dc4fe3c2aeaa436.txt"),
    ("the-career-impasse", "001_291d1c4325665853.txt"),
])
def test_notes_copy_no_sentence_from_the_source(case_id, source):
    """No run of eight words is shared with the source, as for the case itself."""
    def words(text):
        return re.findall(r"[a-z0-9%']+", text.lower().replace("\u2019", "'"))

    def grams(ws, n=8):
        return {" ".join(ws[i:i + n]) for i in range(len(ws) - n + 1)}

    notes = load_case(case_id).teaching_notes
    ours = " ".join([notes.synopsis, *notes.takeaways, *notes.board_plan, *notes.listen_for,
                     *(t.task for t in notes.pre_class),
                     *(t for s in notes.timing for t in (s.activity, s.lead_question,
                                                         *s.probes, *s.expect))])
    theirs = (SOURCES / source).read_text(encoding="utf-8")
    assert grams(words(ours)) & grams(words(theirs)) == set()


def test_the_dashboard_poll_is_explained_as_the_dashboard_is():
    """What the notes tell an instructor about the class dashboard names real controls,
    notebooks and rules: a change to the dashboard shows here first."""
    from coursekit.classroom.class_store import CLASS_DB_ENV
    from coursekit.classroom.dashboard import MIN_GROUP
    from coursekit.exercises.case import CaseExercise
    from coursekit.store import LearnerStore
    from coursekit.teaching import POLL_HOW
    from coursekit.views.classroom import ClassDashboard
    from coursekit.views.handin import HandinView

    how = POLL_HOW["dashboard"][1]
    with LearnerStore(":memory:") as store:
        sender = HandinView(store, class_db="sqlite:///class.sqlite")
    assert sender.submit_button.description in how
    assert ClassDashboard([]).refresh_button.description in how
    assert CLASS_DB_ENV in how and MIN_GROUP == 5 and "fewer than five" in how
    assert (REPO / "notebooks" / "06_hand_in.ipynb").is_file() and "06_hand_in" in how
    assert (REPO / "notebooks" / "instructor" / "class_dashboard.ipynb").is_file()
    for case in list_cases():
        sections = {f"p{n}": {"decisions": {case.decisions[0].id:
                                            case.decisions[0].options[0].id}}
                    for n in range(6)}
        (panel,) = CaseExercise(case.id).dashboard(sections)
        assert panel.title == how.split('"')[1].replace("<case>", case.title)
        for poll in case.teaching_notes.polls:
            if poll.method == "dashboard":
                assert f"'{panel.title}'" in poll.run
                assert "Send to the class" in poll.run and "Refresh" in poll.run
