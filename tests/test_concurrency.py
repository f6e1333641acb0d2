"""Two notebooks writing to one store at once lose nothing, for every kind of record.

Each test starts two processes that write 300 records of every kind to the same store file
at the same time (a barrier lines them up before each kind), then counts what is stored.
Before the fix, contacts were lost: ``add_contact`` picked the next id outside the write
transaction and the save overwrote the other process's contact with the same id.
"""

from __future__ import annotations

import multiprocessing
from datetime import date, timedelta

import pytest

from coursekit.store import LearnerStore

N = 300
KINDS = ["entries", "contacts", "circles", "ties", "steps", "skills", "networking",
         "check-ins", "attempts", "responses", "paths", "goal", "first-attempt", "pseudonym",
         "same-check-ins"]
TIE_CONTACTS = 40  # 780 pairs: enough for 2 x 300 distinct ties


def _write(kind: str, store: LearnerStore, w: int, out) -> None:  # noqa: C901 (one per kind)
    from coursekit import network as cn
    from coursekit import planning
    from coursekit.assessment import load_instrument
    from coursekit.assessment.storage import current_attempt, save_response, start_attempt
    from coursekit.classroom.handin import pseudonym

    if kind == "entries":
        for i in range(N):
            store.save("case:x", f"w{w}-{i}", i, kind="reflection" if i % 2 else "answer")
    elif kind == "contacts":
        for i in range(N):
            cn.add_contact(store, name=f"Writer{w} Person{i}")
    elif kind == "circles":
        for i in range(N):
            cn.save_circle(store, cn.Circle(f"w{w} circle {i}"))
    elif kind == "ties":
        ids = [f"c{k}" for k in range(1, TIE_CONTACTS + 1)]
        pairs = [(a, b) for k, a in enumerate(ids) for b in ids[k + 1:]]
        for a, b in pairs[w::2][:N]:
            cn.save_tie(store, a, b, 2)
    elif kind == "steps":
        for i in range(N):
            planning.add_step(store, f"w{w} step {i}")
    elif kind == "skills":
        for i in range(N):
            planning.add_skill(store, f"w{w} skill {i}")
    elif kind == "networking":
        for i in range(N):
            planning.add_networking(store, f"w{w} person {i}")
    elif kind == "check-ins":
        start = date(2031, 1, 1) + timedelta(days=1000 * w)
        for i in range(N):
            planning.add_check_ins(store, start + timedelta(days=i), every_weeks=1, count=1)
    elif kind == "same-check-ins":
        for _ in range(20):
            planning.add_check_ins(store, "2040-01-01", every_weeks=1, count=10)
    elif kind == "attempts":
        for _ in range(N):
            start_attempt(store, "career-adaptability")
    elif kind == "responses":
        inst = load_instrument("career-drivers")
        items = inst.item_ids
        for i in range(N):
            if i % len(items) == 0:
                attempt = start_attempt(store, inst.id)
            save_response(store, inst, attempt, items[i % len(items)], 3 + w)
    elif kind == "paths":
        field = "title" if w == 0 else "description"
        for i in range(N):
            planning.save_path(store, planning.PATH_KINDS[i % 3], **{field: f"w{w}-{i}"})
    elif kind == "goal":
        for i in range(N):
            if w == 0:
                planning.save_goal(store, goal=f"goal {i}")
            else:
                planning.save_goal(store, outcome=f"outcome {i}")
    elif kind == "first-attempt":
        out.put(("first-attempt", w, current_attempt(store, "work-interests")))
    elif kind == "pseudonym":
        out.put(("pseudonym", w, pseudonym(store)))


def _worker(path: str, w: int, kinds: list[str], barrier, out) -> None:
    store = LearnerStore(path)
    try:
        for kind in kinds:
            barrier.wait(timeout=120)
            _write(kind, store, w, out)
        out.put(("done", w, None))
    except BaseException as exc:  # report to the test, which fails with it
        out.put(("error", w, f"{type(exc).__name__}: {exc}"))
        raise
    finally:
        store.close()


@pytest.fixture(scope="module")
def raced(tmp_path_factory):
    """A store written by two processes at once, and what the processes reported."""
    from coursekit import network as cn

    path = tmp_path_factory.mktemp("race") / "shared.sqlite"
    with LearnerStore(path) as store:
        for k in range(TIE_CONTACTS):
            cn.add_contact(store, name=f"Tie person {k}")
    ctx = multiprocessing.get_context("spawn")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(str(path), w, KINDS, barrier, out))
             for w in (0, 1)]
    for p in procs:
        p.start()
    reports = [out.get(timeout=600) for _ in range(len(procs) + 4)]
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    errors = [r for r in reports if r[0] == "error"]
    assert not errors, errors
    store = LearnerStore(path)
    yield store, reports
    store.close()


def test_no_answer_lost(raced):
    store, _ = raced
    assert len(store.load_exercise("case:x")) == 2 * N


def test_no_contact_lost(raced):
    from coursekit.network import load_network

    store, _ = raced
    names = set(load_network(store).contacts["name"])
    missing = [f"Writer{w} Person{i}" for w in (0, 1) for i in range(N)
               if f"Writer{w} Person{i}" not in names]
    assert missing == []
    assert len(names) == 2 * N + TIE_CONTACTS


def test_no_circle_tie_step_or_skill_lost(raced):
    store, _ = raced
    count = {t: store.read(sql)[0][0] for t, sql in {
        "circles": "SELECT COUNT(*) FROM network_circles",
        "ties": "SELECT COUNT(*) FROM network_ties",
        "steps": "SELECT COUNT(*) FROM plan_steps WHERE kind = 'step'",
        "skills": "SELECT COUNT(*) FROM plan_skills",
        "networking": "SELECT COUNT(*) FROM plan_steps WHERE kind = 'networking'",
    }.items()}
    assert count == {"circles": 2 * N, "ties": 2 * N, "steps": 2 * N, "skills": 2 * N,
                     "networking": 2 * N}
    positions = store.read("SELECT position, COUNT(*) FROM plan_steps GROUP BY position "
                           "HAVING COUNT(*) > 1")
    assert positions == [], "two plan items share a place in the list"


def test_check_ins_neither_lost_nor_doubled(raced):
    store, _ = raced
    days = [d for (d,) in store.read("SELECT due FROM plan_steps WHERE kind = 'check-in'")]
    assert len(days) == 2 * N + 10  # 600 distinct dates, and the 10 both writers added
    assert len(set(days)) == len(days)


def test_attempts_and_responses_kept(raced):
    store, reports = raced
    assert store.read("SELECT COUNT(*) FROM assessment_attempts "
                      "WHERE instrument = 'career-adaptability'")[0][0] == 2 * N
    assert store.read("SELECT COUNT(*) FROM assessment_responses")[0][0] == 2 * N
    first = {w: a for kind, w, a in reports if kind == "first-attempt"}
    assert first[0] == first[1], "two notebooks opening a questionnaire started two attempts"


def test_concurrent_field_edits_both_kept(raced):
    from coursekit import planning

    store, _ = raced
    paths = planning.load_paths(store)
    assert {p.title for p in paths} == {f"w0-{N - 3 + k}" for k in range(3)}
    assert {p.description for p in paths} == {f"w1-{N - 3 + k}" for k in range(3)}
    goal = planning.load_goal(store)
    assert (goal.goal, goal.outcome) == (f"goal {N - 1}", f"outcome {N - 1}")


def test_one_pseudonym_for_two_notebooks(raced):
    _, reports = raced
    names = {name for kind, _, name in reports if kind == "pseudonym"}
    assert len(names) == 1
