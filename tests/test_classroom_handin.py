"""The hand-in: what goes in, what never does, preview and save."""

from __future__ import annotations

import json

import pytest

from coursekit.classroom.handin import (
    PSEUDONYM_META,
    handin_json,
    make_handin,
    preview_handin,
    pseudonym,
    save_handin,
)
from coursekit.classroom.handin_format import validate_handin
from coursekit.store import LearnerStore

CONTACTS = [
    dict(name="Zebulon Quixotewright", organisation="Frobozz Holdings", role="Night oracle",
         sector="Underground banking", function="Wizardry", notes="owes me 40 zorkmids",
         inside=False, types=("strategic",)),
    dict(name="Xanthippe Mbeki-Lindqvist", organisation="Acme Widgets of Nowhere",
         sector="Widgets", function="Sales", notes="met at the Pelican conference",
         inside=True, types=("operational", "personal")),
    dict(name="Ørjan Þórisdóttir", organisation="Vexillology Partners", sector="Flags",
         function="Design", notes="call about Yggdrasil project", inside=False,
         types=("personal",)),
]
SECRET_WORDS = ["Zebulon", "Quixotewright", "Frobozz", "Night oracle", "zorkmids",
                "Xanthippe", "Mbeki", "Acme Widgets", "Pelican", "Ørjan", "Þórisdóttir",
                "Vexillology", "Yggdrasil", "Underground banking", "Wizardry"]
PRIVATE_REFLECTION = "I have never told anyone: the Marrakesh offer scares me"
SHARED_REFLECTION = "Two lunches outside my group before June"


@pytest.fixture
def full_store(tmp_path):
    store = LearnerStore(tmp_path / "learner.sqlite")
    from coursekit.network.storage import add_contact, save_tie

    people = [add_contact(store, **c) for c in CONTACTS]
    save_tie(store, people[0].id, people[1].id, 2)
    store.save("case:the-first-step", "reflection:what-you-want", PRIVATE_REFLECTION,
               kind="reflection")
    store.save("case:the-first-step", "reflection:your-first-step", SHARED_REFLECTION,
               kind="reflection")
    store.save("case:the-first-step", "decision:after-the-talk", "build", kind="decision")
    # free text where a choice belongs, and an option that does not exist: both left out
    store.save("case:the-first-step", "decision:alone-abroad", "ask Zebulon", kind="decision")
    store.save("case:the-career-impasse", "decision:what-broke-it", "Quixotewright",
               kind="decision")
    store.save("network", "note", "Zebulon is key", kind="answer")
    from coursekit.assessment import current_attempt, load_instrument, save_response, start_attempt

    inst = load_instrument("outsight-audit")
    first = current_attempt(store, inst.id)
    for item in inst.item_ids:
        save_response(store, inst, first, item, 2)
    second = start_attempt(store, inst.id)
    for item in inst.item_ids:
        save_response(store, inst, second, item, 4)
    from coursekit.planning import add_step, mark_done

    step = add_step(store, "Lunch with Zebulon Quixotewright", due="2030-01-15",
                    if_obstacle="Frobozz cancels", then_response="rebook")
    add_step(store, "Call Xanthippe")
    mark_done(store, step.id)
    yield store
    store.close()


def test_no_contact_name_or_unticked_reflection_ever(full_store, tmp_path):
    shared = [("case:the-first-step", "reflection:your-first-step")]
    for handin in (make_handin(full_store), make_handin(full_store, shared_reflections=shared)):
        text = handin_json(handin)
        for word in SECRET_WORDS:
            assert word.lower() not in text.lower(), word
        assert "Marrakesh" not in text
        preview = preview_handin(handin)
        for word in [*SECRET_WORDS, "Marrakesh"]:
            assert word.lower() not in preview.lower(), word
    path = save_handin(full_store, tmp_path / "out", shared_reflections=shared)
    raw = path.read_bytes().decode("utf-8")
    assert SHARED_REFLECTION in raw and "Marrakesh" not in raw
    assert not any(w.lower() in raw.lower() for w in SECRET_WORDS)


def test_the_sections_hold_the_learners_numbers(full_store):
    h = make_handin(full_store, include_item_responses=True)
    ex = h["exercises"]
    assert set(ex) == {"network", "case:the-first-step", "plan:steps",
                       "assessment:outsight-audit"}
    assert ex["network"]["contacts"] == 3
    comp = ex["network"]["composition"]
    assert (comp["inside"], comp["outside"]) == (1, 2)
    assert comp["types"] == {"operational": 1, "personal": 2, "strategic": 1}
    assert comp["share_outside"] == pytest.approx(2 / 3)
    assert ex["network"]["outsight"]["outside_share"] == pytest.approx(2 / 3)
    assert ex["case:the-first-step"] == {"decisions": {"after-the-talk": "build"}}
    assert ex["plan:steps"] == {"steps": 2, "if_then": 1, "done": 1}
    audit = ex["assessment:outsight-audit"]
    assert set(audit) == {"before", "after"}
    assert audit["before"]["scales"]["reach"] == pytest.approx(8 / 3)  # 2, 2, reversed 2 -> 4
    assert audit["before"]["items"]["reach"]["oa03"] == 4.0
    no_items = make_handin(full_store)["exercises"]["assessment:outsight-audit"]
    assert all(a["items"] == {} for a in no_items.values()), \
        "item answers go in only when the learner ticks them"


def test_pseudonym_is_random_stable_and_kept_in_meta(tmp_path):
    a, b = LearnerStore(tmp_path / "a.sqlite"), LearnerStore(tmp_path / "b.sqlite")
    first = pseudonym(a)
    assert first.startswith("p-") and len(first) == 18
    assert a.meta(PSEUDONYM_META) == first
    assert make_handin(a)["pseudonym"] == first == make_handin(a)["pseudonym"]
    assert pseudonym(b) != first
    a.close()
    assert pseudonym(LearnerStore(tmp_path / "a.sqlite")) == first


def test_empty_store(tmp_path):
    h = make_handin(LearnerStore(":memory:"))
    assert h["format"] == "coursekit-handin" and h["version"] == 3
    assert h["exercises"] == {} and h["reflections"] == []
    assert h["demo"] is False and h["course"] == "take-charge-of-your-career"


def test_preview_shows_every_value_in_words(full_store):
    import re

    shared = [("case:the-first-step", "reflection:your-first-step")]
    h = make_handin(full_store, shared_reflections=shared, include_item_responses=True)
    preview = preview_handin(h)

    def leaves(value, path=()):
        if isinstance(value, dict):
            for k, v in value.items():
                yield from leaves(v, (*path, k))
        elif isinstance(value, list):
            for v in value:
                yield from leaves(v, path)
        else:
            yield path, value

    for path, value in leaves(h):
        if path[-1] in ("format", "version", "demo", "exercise", "key", "course") \
                or value is None or path[0] == "exercises":
            continue
        assert str(value) in preview, (path, value)
    # The course by its title (its id is in the exact file, one click away).
    assert "Course: Take charge of your career" in preview
    numbers = [v for path, v in leaves(h["exercises"]) if isinstance(v, (int, float))
               and not isinstance(v, bool)]
    shown = re.findall(r"\d+(?:\.\d+)?", preview)
    for value in numbers:
        text = f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"
        assert text in shown, value
    assert "Stays in her job" in preview  # the option chosen, in the case's words
    for internal in ("oa03", "after-the-talk", "case:the-first-step", "outside_share",
                     "ei_index"):
        assert internal not in preview, internal


def test_saved_file_is_the_handin(full_store, tmp_path):
    path = save_handin(full_store)
    assert path.parent == full_store.path.parent
    assert path.name == f"handin-{pseudonym(full_store)}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == validate_handin(data)
    assert list(data)[:2] == ["format", "version"]
    with pytest.raises(TypeError, match="give a path"):
        save_handin(data)


def test_demo_handin_is_marked(tmp_path):
    from coursekit.demo import demo_store

    h = make_handin(demo_store())
    assert h["demo"] is True
    assert save_handin(h, tmp_path).name.startswith("handin-demo-")


# -- saving where the learner asks -----------------------------------------------------------


def test_a_folder_that_does_not_exist_yet_is_created(full_store, tmp_path):
    target = tmp_path / "not-yet" / "hand-ins"
    path = save_handin(full_store, target)
    assert path.parent == target and path.suffix == ".json"
    assert path.name.startswith("handin-p-")


def test_a_file_name_must_end_in_json(full_store, tmp_path):
    from coursekit.classroom.handin_format import HandinError

    with pytest.raises(HandinError, match=r"ends in \.json"):
        save_handin(full_store, tmp_path / "my-handin.txt")
    assert list(tmp_path.glob("my-handin*")) == []
    path = save_handin(full_store, tmp_path / "mine.json")
    assert path == tmp_path / "mine.json"


def test_a_saved_handin_is_collected(full_store, tmp_path):
    from coursekit.classroom.class_store import open_class_store
    from coursekit.classroom.collect import collect

    save_handin(full_store, tmp_path / "new-folder")
    report = collect([tmp_path / "new-folder"], open_class_store(tmp_path / "class.sqlite"))
    assert (report.read, report.added, report.skipped) == (1, 1, [])


# -- names of people in ticked reflections ----------------------------------------------------


def test_a_ticked_reflection_naming_a_contact_is_refused_until_replaced(full_store):
    from coursekit.classroom.handin import NamesInReflections

    full_store.save("case:the-career-impasse", "reflection:two-lunches",
                    "Lunch with zebulon quixotewright, then Xanthippe in May.",
                    kind="reflection")
    ref = ("case:the-career-impasse", "reflection:two-lunches")
    with pytest.raises(NamesInReflections) as info:
        make_handin(full_store, shared_reflections=[ref])
    found = info.value.mentions[ref]
    assert [m.written for m in found] == ["zebulon quixotewright", "Xanthippe"]
    assert "Zebulon" not in str(info.value)  # the message itself names no one
    h = make_handin(full_store, shared_reflections=[ref], replace_names=True)
    assert h["reflections"][0]["text"] == "Lunch with [Night oracle], then [a contact] in May."
    text = handin_json(h).lower()
    assert not any(w.lower() in text for w in SECRET_WORDS if w != "Night oracle")


def test_the_private_reflection_itself_is_not_changed(full_store):
    full_store.save("case:x", "reflection:r", "Ask Zebulon", kind="reflection")
    make_handin(full_store, shared_reflections=[("case:x", "reflection:r")], replace_names=True)
    assert full_store.load("case:x", "reflection:r") == "Ask Zebulon"


def test_a_question_ending_in_a_full_stop_takes_no_colon_in_the_preview(full_store):
    # "... and what it cannot." is a question of the first case: no ".:" after it
    shared = [("case:the-first-step", "reflection:what-you-want")]
    preview = preview_handin(make_handin(full_store, shared_reflections=shared))
    assert "what it cannot." in preview
    assert not [line for line in preview.splitlines() if line.rstrip().endswith(
        (".:", "?:", "!:"))], preview
    assert "Reflections you chose to share:" in preview  # a plain label keeps its colon
