"""The ``coursekit`` command: start, init, check, new, store (and report, collect).

Each subcommand is a small function over parsed arguments; the logic lives in the core
modules so that the command line is only a thin layer.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import subprocess
import sys
from pathlib import Path

from . import __version__
from ._content import COURSE_MARKER, packaged_course
from ._errors import InputError

#: Subcommands implemented in their own modules: name -> module with add_parser/run.
EXTERNAL_COMMANDS: dict[str, str] = {
    "report": "coursekit.report.cli",
    "collect": "coursekit.classroom.cli",
    "class-db": "coursekit.classroom.db_cli",
}

START_PAGE = "notebooks/00_start.ipynb"
#: JupyterLab's page settings for the course (``labconfig/page_config.json`` under it): the
#: announcements plugin is off, so no "get notified about official Jupyter news?" popup
#: covers the notebook, and the lab fetches no news and checks for no updates.
LAB_CONFIG = Path(__file__).parent / "_jupyter" / "lab"


# -- init and update ---------------------------------------------------------------------


def init_course(target: str | Path, *, force: bool = False) -> Path:
    """Copy the course (notebooks, cases, instruments, samples) into ``target``.

    A folder that already holds a course is brought up to date instead
    (:func:`coursekit.update.update_course`): the learner's data and their changed files are
    kept. ``force`` is accepted for older scripts and changes nothing.

    Raises
    ------
    InputError
        ``target`` is the packaged course itself.
    """
    from .update import update_course

    return update_course(target).target


def _cmd_init(args: argparse.Namespace) -> int:
    from .update import update_course

    existing = (Path(args.dir).expanduser() / COURSE_MARKER).exists()
    report = update_course(args.dir)
    if existing:
        print(f"{report.target} already holds a course: brought it up to date.")
        print(report.summary())
    else:
        print(f"Course ready in {report.target}")
    print(f"Start it with: coursekit start {report.target}")
    return 0


def _cmd_update(args: argparse.Namespace) -> int:
    from .update import update_course

    target = Path(args.dir).expanduser()
    if not (target / COURSE_MARKER).is_file():
        raise InputError(f"{target} is not a course folder (no {COURSE_MARKER}). Fix: make "
                         f"one with: coursekit init {args.dir}")
    report = update_course(target, args.source)
    print(f"Brought {report.target} up to date from {args.source or 'the installed course'}:")
    print(report.summary())
    return 0


# -- check -------------------------------------------------------------------------------


def _cmd_check(args: argparse.Namespace) -> int:
    from .check import check_course

    course = Path(args.dir).resolve() if args.dir else _course_or_packaged()
    problems = check_course(course)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {course}", file=sys.stderr)
        return 1
    print(f"All content in {course} is valid.")
    return 0


def _course_or_packaged() -> Path:
    from ._content import course_dir

    return course_dir()


# -- new ---------------------------------------------------------------------------------


def _cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, new_case

    course = Path(args.course).resolve() if args.course else _course_or_packaged()
    try:
        made = new_case(course, args.id)
    except ScaffoldError as exc:
        print(f"coursekit new {args.kind}: {exc}", file=sys.stderr)
        return 2
    print(f"New case '{args.id}' in {course}:")
    print(f"  created {made.case.as_posix()}  (the case: instructions to replace with yours)")
    print(f"  created {made.notebook.as_posix()}  (the learner notebook)")
    print(f"  created {made.teaching_notes.as_posix()}  (the teaching notes)")
    print(f"  added {made.notebook.name} to course.yaml  (title, minutes and summary to edit)")
    print("Next steps:")
    print(f"  1. Edit {made.case.as_posix()}: replace every instruction with your case "
          "(the format: docs/authoring.md, 'Writing a case').")
    print(f"  2. Run 'coursekit check {course}' after each edit: it names the file, the place "
          "and the fix of every problem.")
    print(f"  3. Open {made.notebook.as_posix()} ('coursekit start {course}'), run it and "
          "replace the author's notes in its text cells.")
    return 0


# -- start -------------------------------------------------------------------------------


def lab_command(course: Path, *, port: int | None, no_browser: bool) -> list[str]:
    """The JupyterLab command that opens the course at its start page."""
    from .lab import PRE_SAVE_HOOK

    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={course}",
           f"--LabApp.default_url=/lab/tree/{START_PAGE}",
           f"--ContentsManager.pre_save_hook={PRE_SAVE_HOOK}",
           # no calls out from the learner's machine (see LAB_CONFIG for the popup)
           "--LabApp.news_url=None",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if port:
        cmd.append(f"--ServerApp.port={port}")
    if no_browser:
        cmd.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # containers and CI run as root; JupyterLab refuses else
    return cmd


def run_until_stopped(cmd: list[str], *, env: dict[str, str], cwd: Path) -> int:
    """Run a server until it exits; Ctrl+C or SIGTERM stop it (and so its kernels) too."""
    process = subprocess.Popen(cmd, env=env, cwd=cwd)

    def forward(signum, _frame):
        process.send_signal(signum)

    previous = signal.signal(signal.SIGTERM, forward)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.send_signal(signal.SIGINT)
        try:
            return process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.terminate()
            return process.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)


def course_environment(course: Path, *, demo: str | None = None) -> dict[str, str]:
    """Environment for the course's server and kernels: the course, demo mode, lab settings.

    ``demo`` is ``"1"`` for the default sample person, or a sample person's id.
    """
    env = dict(os.environ)
    env["COURSEKIT_COURSE"] = str(course)
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        p for p in (str(LAB_CONFIG), env.get("JUPYTER_CONFIG_PATH")) if p)
    if demo:
        from .demo import demo_store

        demo_store(None if demo == "1" else demo, course)  # fail now on an unknown person
        env["COURSEKIT_DEMO"] = demo
    return env


def _resolve_course(arg: str | None) -> Path:
    if arg:
        course = Path(arg).expanduser().resolve()
        if not (course / COURSE_MARKER).is_file():
            raise InputError(f"{course} is not a course folder (no {COURSE_MARKER}). "
                             f"Fix: make one with: coursekit init {arg}")
        return course
    return _course_or_packaged()


def _cmd_start(args: argparse.Namespace) -> int:
    course = _resolve_course(args.dir)
    if course == packaged_course().resolve() and not os.access(course, os.W_OK):
        raise InputError("The installed course is read-only. Fix: make your own copy first: "
                         "coursekit init my-course && coursekit start my-course")
    env = course_environment(course, demo=args.demo)  # an unknown sample person: NotFoundError
    cmd = lab_command(course, port=args.port, no_browser=args.no_browser)
    store = env.get("COURSEKIT_STORE") or str(course / "learner-data" / "coursekit.sqlite")
    mode = "demo mode (sample answers, nothing saved)" if args.demo else f"answers saved in {store}"
    print(f"Starting the course in {course}: {mode}", flush=True)
    if args.app:
        from .app import run_app

        return run_app(args, course=course, env=env)
    return run_until_stopped(cmd, env=env, cwd=course)


# -- store -------------------------------------------------------------------------------


def _cmd_store(args: argparse.Namespace) -> int:
    from ._open import default_store_path
    from .store import LearnerStore

    path = Path(args.store) if args.store else default_store_path()
    if not path.exists():
        print(f"No learner store at {path} yet: nothing is stored.")
        return 0
    with LearnerStore(path) as store:
        if args.action == "show":
            print(f"Learner store: {path} (schema {store.version})")
            for table, count in store.inventory().items():
                print(f"  {table:<20} {count:>6} rows")
        elif args.action == "export":
            out = Path(args.out or "coursekit-export.json")
            store.export_json(out)
            print(f"Exported everything stored to {out}")
        elif args.action == "erase":
            if not args.yes:
                print("This deletes all your answers, contacts and plans. "
                      "Export first if you want a copy. Repeat with --yes to erase.")
                return 1
            store.erase()
            print(f"Erased everything in {path}.")
    return 0


# -- parser ------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``coursekit`` command."""
    parser = argparse.ArgumentParser(
        prog="coursekit",
        description="Take charge of your career: a case-method course in Jupyter notebooks.",
    )
    parser.add_argument("--version", action="version", version=f"coursekit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("start", help="open the course in JupyterLab at its start page")
    p.add_argument("dir", nargs="?", help="course folder (default: this folder's course)")
    p.add_argument("--port", type=int, default=None, help="port for the local server")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser")
    p.add_argument("--demo", nargs="?", const="1", default=None, metavar="PERSON",
                   help="demo mode: a sample person's answers (default: the demo learner); "
                        "your own store is neither read nor written")
    p.add_argument("--app", action="store_true",
                   help="app mode: the notebooks as apps with the code hidden (Voila)")
    p.set_defaults(func=_cmd_start)

    p = sub.add_parser("init", help="copy the course into a folder (or bring a copy up to date)")
    p.add_argument("dir", help="the course folder")
    p.add_argument("--force", action="store_true", help=argparse.SUPPRESS)  # older scripts
    p.set_defaults(func=_cmd_init)

    p = sub.add_parser(
        "update", help="bring a course folder up to date; answers and edits are kept",
        description="Bring in the course's new and corrected notebooks and content. "
                    "learner-data/ is never touched; a file you changed is moved to "
                    "kept-aside/<time>/ and the new version takes its place.")
    p.add_argument("dir", help="the course folder")
    p.add_argument("--from", dest="source", metavar="COURSE",
                   help="the course to update from (default: the one installed with coursekit)")
    p.set_defaults(func=_cmd_update)

    p = sub.add_parser("check", help="validate every content file of a course")
    p.add_argument("dir", nargs="?", help="course folder (default: this folder's course)")
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser("new", help="add new content to a course: 'coursekit new case ID'")
    p.add_argument("kind", choices=["case"], help="what to add")
    p.add_argument("id", help="its id: lowercase letters, digits and hyphens")
    p.add_argument("--course", metavar="DIR",
                   help="the course folder (default: this folder's course)")
    p.set_defaults(func=_cmd_new)

    p = sub.add_parser("store", help="see, export or erase what is stored about you")
    p.add_argument("action", choices=["show", "export", "erase"])
    p.add_argument("--store", help="the store file (default: the course's learner store)")
    p.add_argument("--out", help="with export: the JSON file to write")
    p.add_argument("--yes", action="store_true", help="with erase: confirm")
    p.set_defaults(func=_cmd_store)

    for module_name in EXTERNAL_COMMANDS.values():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue  # an optional part that is not installed
            raise
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``coursekit`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        args.func = importlib.import_module(EXTERNAL_COMMANDS[args.command]).run
    try:
        return int(args.func(args) or 0)
    except SystemExit:
        raise
    except Exception as exc:  # a clear one-line message, not a traceback
        from ._errors import ContentError, InputError, StoreError

        if isinstance(exc, (ContentError, InputError, StoreError)):
            print(f"coursekit {args.command}: {exc}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


__all__ = ["build_parser", "course_environment", "init_course", "lab_command", "main"]
