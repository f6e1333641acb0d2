"""``coursekit report``: make the personal report from the command line.

Examples
--------
::

    coursekit report                       # the course's learner store -> learner-data/report/
    coursekit report --store my.sqlite --out ~/Desktop/report.html
    coursekit report --demo                # a sample person's report (made-up data)
    coursekit report --include-reflections "case:the-first-step/why,case:the-career-impasse/mirror"
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TypedDict

from .._errors import InputError, StoreError
from .._open import default_store_path, open_store
from .files import make_report_files, report_folder


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register the ``report`` subcommand on the ``coursekit`` parser."""
    p = subparsers.add_parser(
        "report", help="make your personal report (HTML, Markdown) and plan calendar (.ics)",
        description="Make your personal report as one self-contained HTML file (works "
                    "offline, prints well), a Markdown copy, and a calendar file of your "
                    "dated steps. Reflections stay out unless you include them.")
    p.add_argument("--store", metavar="PATH",
                   help="the learner store file (default: the course's learner store)")
    p.add_argument("--out", metavar="PATH",
                   help="a folder, or the .html file to write (the .md and .ics go beside "
                        "it); default: a 'report' folder beside the store")
    p.add_argument("--demo", nargs="?", const=True, default=False, metavar="PERSON",
                   help="a sample person's report (made-up data; default person: amara)")
    p.add_argument("--include-reflections", metavar="all|none|IDS", default=None,
                   help="which reflections to include: all, none, or ids exercise/key "
                        "separated by commas (default: those ticked in the report notebook, "
                        "none until you tick some)")
    p.set_defaults(func=run)
    return p


class _FileNames(TypedDict, total=False):
    """The names of the report's files, when ``--out`` names the HTML file."""

    html_name: str
    markdown_name: str
    calendar_name: str


def _targets(out: str | None, default_folder: Path) -> tuple[Path, _FileNames]:
    if not out:
        return default_folder, {}
    path = Path(out).expanduser()
    if path.suffix.lower() in (".html", ".htm"):
        return path.parent, {"html_name": path.name, "markdown_name": path.stem + ".md",
                             "calendar_name": path.stem + ".ics"}
    if path.suffix:
        raise InputError(f"--out {out}: give a folder or an .html file name. "
                         f"Fix: e.g. --out report/ or --out my-report.html")
    return path, {}


def run(args: argparse.Namespace) -> int:
    """Make the report; print where the files are. Returns the exit code."""
    if args.demo:
        if args.store:
            raise InputError("--demo and --store cannot be used together. Fix: drop one.")
        store = open_store(demo=args.demo)
    else:
        path = Path(args.store).expanduser() if args.store else default_store_path()
        if not path.is_file():
            raise StoreError(f"There is no learner store at {path}. Fix: pass --store with "
                             f"the file your notebooks use, or run the course notebooks first.")
        store = open_store(path, demo=False)
    include = args.include_reflections
    if include is not None and include.strip() == "":
        raise InputError("--include-reflections is empty. Fix: use all, none, or ids.")
    try:
        folder, names = _targets(args.out, report_folder(store))
        files = make_report_files(store, folder, include_reflections=include, **names)
    finally:
        store.close()
    print(f"Report:   {files.html}")
    print(f"Markdown: {files.markdown}")
    print(f"Calendar: {files.calendar} ({files.dated_items} dated item"
          f"{'s' if files.dated_items != 1 else ''})")
    print(f"Reflections included: {files.reflections}", file=sys.stderr)
    return 0


__all__ = ["add_parser", "run"]
