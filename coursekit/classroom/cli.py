"""``coursekit collect PATH... --into CLASS_DB``: the classroom's command line."""

from __future__ import annotations

import argparse

from .._errors import InputError, StoreError
from .class_store import CLASS_DB_ENV, class_db_url, open_class_store
from .collect import Limits, collect


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``collect`` subcommand to an argparse ``subparsers`` object."""
    parser = subparsers.add_parser(
        "collect",
        help="collect learners' hand-ins (folders, .json or .zip files) into a class store",
        description=(
            "Read hand-in files (.json), zip files of them and folders holding either into a "
            "class store. The same learner twice: the latest hand-in is kept. Older hand-in "
            "versions are migrated. Corrupt, foreign, oversized and unsafe files are reported "
            "and skipped. Nothing is extracted to disk."))
    parser.add_argument("paths", nargs="+", metavar="PATH", help="hand-in files, zips, folders")
    parser.add_argument("--into", metavar="CLASS_DB", help=f"the class store (default: "
                        f"${CLASS_DB_ENV}): sqlite:///class.sqlite, a file path or postgresql://...")
    parser.add_argument("--max-file-kb", type=int, default=Limits.max_file_bytes // 1024,
                        help="largest hand-in file accepted, in KiB (default %(default)s)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run ``coursekit collect``: 0 when it ran (``coursekit`` reports an error, with 2)."""
    url = class_db_url(args.into)
    if url is None:
        raise StoreError(f"say where to collect into: --into sqlite:///class.sqlite "
                         f"(or set {CLASS_DB_ENV})")
    if args.max_file_kb <= 0:
        raise InputError("--max-file-kb must be a positive number")
    with open_class_store(url) as store:
        report = collect(args.paths, store, progress=not args.quiet,
                         limits=Limits(max_file_bytes=args.max_file_kb * 1024))
        print(report.summary())
        print(f"The class store now holds {store.count()} hand-ins: {store!r}")
    return 0
