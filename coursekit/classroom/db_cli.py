"""``coursekit class-db init | add-learner | add-instructor``: set up a class database."""

from __future__ import annotations

import argparse

from .class_store import redact


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``class-db`` subcommand to an argparse ``subparsers`` object."""
    parser = subparsers.add_parser(
        "class-db", help="set up a class database: tables, roles, learners' logins",
        description=(
            "Set up the class database a live class uses (docs/jupyterhub.md). Run with the "
            "database owner's URL. On PostgreSQL, 'init' also makes a learner role that may "
            "read and write only its own rows (row-level security) and an instructor role "
            "that reads all and reveals; each learner then gets a login of their own."))
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    init = actions.add_parser("init", help="make the tables (and on PostgreSQL the roles)")
    init.add_argument("url", metavar="URL", help="postgresql://owner@host/db or sqlite:///file")
    init.add_argument("--learner-role", help="the learners' group role (default: <db>_learner)")
    init.add_argument("--instructor-role",
                      help="the instructors' group role (default: <db>_instructor)")
    for name, who in (("add-learner", "a learner"), ("add-instructor", "an instructor")):
        add = actions.add_parser(name, help=f"make or renew {who}'s login; print its URL")
        add.add_argument("url", metavar="URL", help="the database owner's postgresql:// URL")
        add.add_argument("login", metavar="LOGIN",
                         help="the login's name: lowercase letters, digits, underscores")
        add.add_argument("--host", help="the host the learners' servers reach the database "
                                        "at (default: as in URL, or 127.0.0.1)")
        add.add_argument("--port", type=int, help="its port (default: as in URL)")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run ``coursekit class-db``; errors reach the user as one line (``coursekit`` does it)."""
    from .roles import add_login, init_class_db

    if args.action == "init":
        made = init_class_db(args.url, learner_role=args.learner_role,
                             instructor_role=args.instructor_role)
        print(f"The class database {redact(args.url)} has its tables.")
        if made.learner_role is None:
            print("SQLite has no roles: anyone who may write the file may change it. For a "
                  "hub, use PostgreSQL.")
            return 0
        print(f"Learners' group role: {made.learner_role} (each reads and writes only its own "
              f"votes and hand-ins)")
        print(f"Instructors' group role: {made.instructor_role} (reads all, reveals, starts "
              f"sections)")
        print("Next: give each learner a login: coursekit class-db add-learner URL LOGIN "
              "(a hub does it per user: docs/jupyterhub_config.py)")
        return 0
    url = add_login(args.url, args.login, instructor=args.action == "add-instructor",
                    host=args.host, port=args.port)
    print(url)
    return 0
