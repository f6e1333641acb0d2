"""Roles enforced by PostgreSQL: each learner's own login may touch only its own rows.

Every check here goes through the connection a learner's server would hold (the URL
``add_login`` returns), with plain SQL as well as through coursekit, so what is refused is
refused by the database itself, not by coursekit being polite.
"""

from __future__ import annotations

import pytest

from coursekit._errors import StoreError
from coursekit.classroom.class_store import open_class_store, submit_handin
from coursekit.classroom.live import LivePoll
from coursekit.classroom.roles import add_login, init_class_db, login_name, spawner_environment
from coursekit.classroom.synthetic import synthetic_handins

from ._postgres import fresh_database

pytestmark = pytest.mark.postgres

POINT = "the-career-impasse/the-promised-role"
COURSE = "career"


def _owner(superuser: str) -> str:
    """As docs/jupyterhub.md says: the database owned by a role that may create roles."""
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict

    database = conninfo_to_dict(superuser)["dbname"]
    owner, password = f"{database}_owner", "owner-secret"
    with _sql(superuser) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN CREATEROLE PASSWORD {}").format(
            sql.Identifier(owner), sql.Literal(password)))
        conn.execute(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(
            sql.Identifier(database), sql.Identifier(owner)))
    url = f"postgresql://{owner}:{password}@127.0.0.1:{_port(superuser)}/{database}"
    with psycopg.connect(url) as check:  # over TCP with a password, as on a hub
        assert check.execute("SELECT current_user").fetchone()[0] == owner
    return url


def _port(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.info.port


@pytest.fixture(scope="module")
def class_db():
    """A class database made by ``class-db init``, with two learners and an instructor."""
    with fresh_database("ck_roles") as superuser:
        admin = _owner(superuser)
        made = init_class_db(admin)
        logins = {who: add_login(admin, login_name(made.database, who)) for who in "ab"}
        logins["teacher"] = add_login(admin, login_name(made.database, "teacher",
                                                        instructor=True), instructor=True)
        yield admin, made, logins, superuser


def _sql(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True, connect_timeout=5)


@pytest.fixture(scope="module")
def voted(class_db):
    """Learner a voted and handed in as p-aaaaaaaa, learner b as p-bbbbbbbb."""
    admin, made, logins, _ = class_db
    for who in "ab":
        with open_class_store(logins[who]) as store:
            LivePoll(store, COURSE).vote(f"p-{who * 8}", POINT, "never" if who == "a" else
                                         "gets-it")
        handin = dict(synthetic_handins(1, seed=ord(who), demo=False)[0],
                      pseudonym=f"p-{who * 8}")
        submit_handin(handin, logins[who])
    return logins


def test_init_makes_the_group_roles_and_is_repeatable(class_db):
    admin, made, _, _ = class_db
    assert made.learner_role.endswith("_learner") and made.instructor_role.endswith("_instructor")
    again = init_class_db(admin)
    assert again == made
    with _sql(admin) as conn:
        enabled = dict(conn.execute("SELECT relname, relrowsecurity FROM pg_class WHERE relname "
                                    "IN ('votes', 'handins', 'learners')").fetchall())
    assert enabled == {"votes": True, "handins": True, "learners": True}


def test_a_learner_reads_only_their_own_rows(voted):
    with _sql(voted["a"]) as conn:
        assert conn.execute("SELECT pseudonym, choice FROM votes").fetchall() == [
            ("p-aaaaaaaa", "never")]
        assert [p for (p,) in conn.execute("SELECT pseudonym FROM handins")] == ["p-aaaaaaaa"]
        assert conn.execute("SELECT pseudonym FROM learners").fetchall() == [("p-aaaaaaaa",)]
    with open_class_store(voted["a"]) as store:
        assert [h["pseudonym"] for h in store.handins()] == ["p-aaaaaaaa"]


def test_a_learner_cannot_change_another_learners_votes_or_handins(voted):
    import psycopg

    with _sql(voted["a"]) as conn:
        assert conn.execute("UPDATE votes SET choice = 'leaves' WHERE pseudonym = 'p-bbbbbbbb'"
                            ).rowcount == 0
        assert conn.execute("DELETE FROM votes WHERE pseudonym = 'p-bbbbbbbb'").rowcount == 0
        assert conn.execute("UPDATE handins SET body = '{}' WHERE pseudonym = 'p-bbbbbbbb'"
                            ).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("INSERT INTO votes VALUES (%s, 1, %s, 'p-bbbbbbbb', 'leaves', 'now')",
                         (COURSE, POINT))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("UPDATE votes SET pseudonym = 'p-bbbbbbbb' WHERE pseudonym = 'p-aaaaaaaa'")
        # Claiming the other learner's pseudonym: it is taken.
        with pytest.raises(psycopg.errors.UniqueViolation):
            conn.execute("UPDATE learners SET pseudonym = 'p-bbbbbbbb'")
        # Acting as the group role changes nothing: the rows follow the login.
        conn.execute("SET ROLE " + conn.execute(
            "SELECT value FROM class_meta WHERE key = 'learner_role'").fetchone()[0])
        assert conn.execute("SELECT count(*) FROM votes").fetchone()[0] == 1
        # No temporary table can stand in for the learners table.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("CREATE TEMP TABLE learners (login text, pseudonym text)")
    with open_class_store(voted["a"]) as store:
        with pytest.raises(StoreError, match="another login's"):
            LivePoll(store, COURSE).vote("p-bbbbbbbb", POINT, "leaves")
    with _sql(voted["b"]) as conn:
        assert conn.execute("SELECT choice FROM votes").fetchall() == [("gets-it",)]
        assert conn.execute("SELECT count(*) FROM handins").fetchone()[0] == 1


def test_a_learner_cannot_reveal_or_start_a_section(voted):
    with open_class_store(voted["a"]) as store:
        poll = LivePoll(store, COURSE)
        assert poll.revealed() == set()  # reading the reveals is allowed
        with pytest.raises(StoreError, match="permission denied"):
            poll.reveal(POINT)
        with pytest.raises(StoreError, match="permission denied"):
            poll.next_section()


def test_the_instructor_reads_every_vote_and_reveals_but_never_votes(voted):
    import psycopg

    with open_class_store(voted["teacher"]) as store:
        poll = LivePoll(store, COURSE)
        room = poll.room()
        assert room.counts == {POINT: {"gets-it": 1, "never": 1}} and room.voters == 2
        assert store.count() == 2
        poll.reveal(POINT)
        assert poll.revealed() == {POINT}
        with pytest.raises(StoreError, match="permission denied|row-level security"):
            poll.vote("p-cccccccc", POINT, "never")
    with _sql(voted["teacher"]) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM learners")  # which login is which pseudonym: never
    with open_class_store(voted["a"]) as store:
        assert LivePoll(store, COURSE).revealed() == {POINT}


def test_a_new_login_url_replaces_the_old_password(class_db):
    import psycopg

    admin, made, logins, _ = class_db
    renewed = add_login(admin, login_name(made.database, "a"))
    assert renewed != logins["a"]
    with pytest.raises(psycopg.OperationalError, match="password"):
        _sql(logins["a"]).close()
    _sql(renewed).close()
    logins["a"] = renewed


def test_spawner_environment_gives_each_user_a_login(class_db):
    admin, made, _, _ = class_db
    env = spawner_environment(admin, "Zoë@example.org")
    url = env["COURSEKIT_CLASS_DB"]
    assert url.startswith(f"postgresql://{login_name(made.database, 'Zoë@example.org')}:")
    with _sql(url) as conn:
        assert conn.execute("SELECT count(*) FROM votes").fetchone()[0] == 0


def test_logins_and_roles_need_postgresql(tmp_path):
    with pytest.raises(StoreError, match="PostgreSQL"):
        add_login(f"sqlite:///{tmp_path}/c.sqlite", "someone")
    made = init_class_db(f"sqlite:///{tmp_path}/c.sqlite")
    assert made.learner_role is None


def test_a_login_before_init_is_refused_with_the_fix(postgres_url):
    with pytest.raises(StoreError, match="class-db init"):
        add_login(postgres_url, "nobody_yet")
    with pytest.raises(StoreError, match="lowercase"):
        add_login(postgres_url, "Robert'); DROP TABLE votes;--")


def test_the_room_with_a_learners_login_is_refused_the_reveal(voted):
    from coursekit.views.room import class_room

    from .test_live_class import wait_for

    room = class_room(voted["b"], course=COURSE, loop=None, interval=0.05)
    try:
        panel = room.panels[POINT]
        assert "No votes yet" not in panel.tally.value  # b sees b's own vote, no one else's
        room.panels[point := "the-first-step/after-the-talk"].reveal.click()
        wait_for(lambda: "Not revealed" in room.panels[point].status.value, what="refusal")
        assert "permission denied" in room.panels[point].status.value
    finally:
        room.close()


def test_an_instructors_own_prediction_is_kept_here_not_retried(voted, tmp_path):
    from coursekit.classroom import live_link
    from coursekit.store import LearnerStore
    from coursekit.views.predict import decision_point

    from .test_live_class import wait_for

    store = LearnerStore(tmp_path / "teacher.sqlite")
    try:
        view = decision_point(store, "the-career-impasse", "first-response",
                              class_db=voted["teacher"])
        view.choices.value = "ultimatum"
        view.commit.click()
        wait_for(lambda: "Kept here only, not in the class poll" in view.poll_status.value,
                 what="the refusal beside the control")
        assert "does not let this login" in view.poll_status.value
        assert not view.link.queued(view.case, view.decision)  # not asked again and again
    finally:
        live_link.stop_links()
        store.close()


def test_a_vote_survives_the_database_going_away_and_coming_back(class_db, tmp_path,
                                                                  monkeypatch):
    """The learner's connection is cut and the login refused for a while: the vote waits."""
    from psycopg import sql

    from coursekit.classroom import live_link
    from coursekit.store import LearnerStore
    from coursekit.views.predict import decision_point

    from .test_live_class import wait_for

    admin, made, _, superuser = class_db
    login = login_name(made.database, "outage")
    url = add_login(admin, login)
    monkeypatch.setattr(live_link, "RETRY_SECONDS", 0.3)
    store = LearnerStore(tmp_path / "learner.sqlite")
    try:
        view = decision_point(store, "the-career-impasse", "what-broke-it", class_db=url)
        wait_for(lambda: view.link.rounds > 0, what="the learner's link connected")
        with _sql(superuser) as db:  # the database goes away for this learner
            db.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(login)))
            db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE usename = %s", (login,))
        view.choices.value = view.decision.option_ids[0]
        view.commit.click()
        wait_for(lambda: "not in the class poll yet" in view.poll_status.value,
                 what="the message beside the control")
        assert view.link.queued(view.case, view.decision)
        with _sql(superuser) as db:  # and comes back
            db.execute(sql.SQL("ALTER ROLE {} LOGIN").format(sql.Identifier(login)))
        wait_for(lambda: "In the class poll since" in view.poll_status.value, timeout=20,
                 what="the vote sent once the database answers")
        with _sql(admin) as db:
            assert db.execute("SELECT choice FROM votes WHERE point = %s AND pseudonym = %s",
                              ("the-career-impasse/what-broke-it", view.link.pseudonym)
                              ).fetchall() == [(view.decision.option_ids[0],)]
    finally:
        live_link.stop_links()
        store.close()
