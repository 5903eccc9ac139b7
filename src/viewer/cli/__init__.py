"""Command line: ``inspection-viewer [FILE ...]`` opens the window; ``inspection-viewer check`` validates.

Nothing heavy is imported here: ``check`` never loads Qt or pandas, and the window's modules are
imported only when a window is wanted.
"""

from __future__ import annotations

import argparse
import os
import sys

from viewer import __version__


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inspection-viewer",
        description="Open probation inspection files in the Inspection Viewer window. "
        "With no FILE, opens the bundled Hertfordshire PDU sample.",
        epilog="Other commands: 'inspection-viewer check [--json] FILE ...' validates files without a window; "
        "'inspection-viewer summary FILE ... -o OUT' writes printable summaries; "
        "'inspection-viewer convert INPUT ... OUT' converts reports, inspection files and workbooks; "
        "'inspection-viewer frameworks [--json]' lists the inspection programmes and their rules; "
        "'inspection-viewer outcomes [--framework ID] [--region R] [--json | --csv]' lists the published outcomes.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="inspection files (.json), workbooks (.xlsx, .ods), reports (.txt, .md, .html, .pdf) "
                        "or folders to open")
    parser.add_argument("--exit-after-load", action="store_true",
                        help="load the files, paint the window once and exit (0 only if every file loaded)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inspection-viewer check",
        description="Validate inspection files without opening a window: print each file's unit, published and "
        "computed ratings and score, and any errors and warnings. Exit status 0 when every file loaded, 1 when "
        "any failed, 2 for a usage error.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="inspection files, workbooks, reports, or folders (everything under them)")
    parser.add_argument("--json", action="store_true", help="print one JSON array with one object per file")
    return parser


def _summary_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inspection-viewer summary",
        description="Write the printable summary of each inspection file, without a window. One FILE and "
        "-o x.pdf writes that file; several files (or -o ending in /) write one summary per file into the folder, "
        "named after the unit. Exit status 1 if any file failed (the others are still written), 2 for a usage error.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="inspection files")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="output file, or folder for several")
    parser.add_argument("--format", choices=("pdf", "html"), default=None,
                        help="pdf or standalone html (default: from OUT's name, else pdf)")
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size for PDF (default a4)")
    return parser


def _convert_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inspection-viewer convert",
        description="Convert between published reports (.txt .md .html .pdf), inspection files (.json) and "
        "workbooks (.xlsx .ods, or a folder of CSV tables with --csv). OUT ending in .json takes one inspection; "
        ".xlsx/.ods take many; a folder (ending in /) gets one inspection file per inspection. Files are written "
        "atomically; inputs are never written to.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="reports, inspection files or workbooks")
    parser.add_argument("output", metavar="OUT", help="a .json, .xlsx or .ods file, or a folder ending in /")
    parser.add_argument("--csv", action="store_true", help="write OUT as a folder of CSV tables (a workbook)")
    return parser


def _frameworks_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inspection-viewer frameworks",
        description="List the inspection programmes the viewer knows: id, name, years, maximum score, standards "
        "(code, name, rated by key questions or by judgement) and the status of each rule.",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON array with one object per framework")
    return parser


def _outcomes_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inspection-viewer outcomes",
        description="List the library of published outcomes: every inspection the inspectorate has published a "
        "rating for that the viewer has a source for, with unit, kind, region, programme, month, rating and score. "
        "--json adds each value's quotation and the stored source text.",
    )
    parser.add_argument("--framework", metavar="ID", help="only this programme (see 'inspection-viewer frameworks')")
    parser.add_argument("--region", metavar="R", help="only units of this region, e.g. 'North West'")
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--json", action="store_const", const="json", dest="format", help="one JSON array")
    how.add_argument("--csv", action="store_const", const="csv", dest="format", help="CSV with a header row")
    return parser


COMMANDS = ("check", "summary", "convert", "frameworks", "outcomes")
INTERRUPTED = 130  # the shell's status for a command ended by Ctrl-C (128 + SIGINT)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):  # a Windows console may not encode every character in a report
            stream.reconfigure(errors="backslashreplace")
    try:
        return _dispatch(argv)
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:  # Ctrl-C: one line, not a traceback
        print("inspection-viewer: interrupted", file=sys.stderr)
        return INTERRUPTED
    except Exception as error:  # noqa: BLE001 (a bug: logged with its traceback, said in one line)
        from viewer.workspace.crash_log import crash_message, log_crash

        print(f"inspection-viewer: {crash_message(error, log_crash(error, 'running ' + ' '.join(argv)))}",
              file=sys.stderr)
        return 1


def _dispatch(argv: list[str]) -> int:
    if argv and argv[0] == "check":
        from viewer.cli.check import run_check

        args = _check_parser().parse_args(argv[1:])
        return run_check(args.files, as_json=args.json)
    if argv and argv[0] == "summary":
        from viewer.cli.summary import run_summary

        args = _summary_parser().parse_args(argv[1:])
        return run_summary(args.files, args.output, args.format, args.paper)
    if argv and argv[0] == "convert":
        from viewer.cli.convert import run_convert

        args = _convert_parser().parse_args(argv[1:])
        return run_convert(args.inputs, args.output, csv=args.csv)
    if argv and argv[0] == "frameworks":
        from viewer.cli.frameworks import run_frameworks

        args = _frameworks_parser().parse_args(argv[1:])
        return run_frameworks(as_json=args.json)
    if argv and argv[0] == "outcomes":
        from viewer.cli.outcomes import run_outcomes

        args = _outcomes_parser().parse_args(argv[1:])
        if args.framework:
            from viewer.model.framework import all_frameworks

            known = [fw.id for fw in all_frameworks()]
            if args.framework not in known:
                _outcomes_parser().error(f"unknown framework {args.framework!r} (known: {', '.join(known)})")
        return run_outcomes(args.framework, args.region, args.format or "table")
    parser = _gui_parser()
    args = parser.parse_args(argv)
    if args.files and not any(os.path.exists(f) for f in args.files):  # a mistyped command or file: no window
        parser.error(f"{', '.join(args.files)}: no such command, file or folder. The commands are "
                     f"{', '.join(COMMANDS[:-1])} and {COMMANDS[-1]} ('inspection-viewer COMMAND --help' for each); "
                     "anything else is a file or folder to open in the window.")
    from viewer.ui.app import run_gui

    return run_gui(args.files, exit_after_load=args.exit_after_load)
