#!/usr/bin/env python3
"""Checks executed notebooks (the saved .ipynb a host wrote) for what a reader must never see.

Usage: python3 eng/check-notebooks.py [--executed] EXECUTED.ipynb ...

For each notebook:
  - no error output (a failed cell), and with --executed every code cell has an execution count;
  - no value displayed twice in one cell (two outputs with the same text, or the same HTML once the
    per-display chart ids are set aside);
  - no progress display left behind (a live progress display must end replaced by its result);
  - plotly.js embedded inline exactly once in the whole notebook (and no <script src=...>);
  - no compiler warning in any output (e.g. CS8632 for a nullable annotation outside a nullable context).
Prints one line per notebook and exits 1 if any check failed. Only the standard library is used.
"""
import json
import re
import sys

PLOTLY_MARKER = "embedded by PrunAdag.Charts"
PROGRESS_HTML = re.compile(r'class="prunadag-progress"')
PROGRESS_TEXT = re.compile(r": (starting…|k = \d+ / \d+, ‖g‖ =|finished at k = \d+ \(limit \d+\))")
CHART_ID = re.compile(r"prunadag-chart-[0-9a-f]+-\d+-[0-9a-f]{8}")
SCRIPT_SRC = re.compile(r"<script[^>]*\bsrc\s*=", re.IGNORECASE)
COMPILER_WARNING = re.compile(r"\bwarning CS\d{4}\b")


def text(value):
    return "".join(value) if isinstance(value, list) else (value or "")


def check(path, executed):
    problems = []
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    plotly = 0
    code_cells = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    for index, cell in enumerate(code_cells, start=1):
        where = f"code cell {index}"
        if executed and cell.get("execution_count") is None:
            problems.append(f"{where} was not executed")
        seen = {}
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            everything = text(output.get("text")) + "".join(text(v) for v in output.get("data", {}).values() if isinstance(v, (str, list)))
            if COMPILER_WARNING.search(everything):
                problems.append(f"{where}: a compiler warning is shown: {COMPILER_WARNING.search(everything).group(0)}")
            if kind == "error":
                problems.append(f"{where}: error {output.get('ename', '')}: {output.get('evalue', '')[:300]}")
                continue
            if kind not in ("display_data", "execute_result"):
                continue
            data = output.get("data", {})
            html = text(data.get("text/html"))
            plain = text(data.get("text/plain"))
            plotly += html.count(PLOTLY_MARKER)
            if SCRIPT_SRC.search(html):
                problems.append(f"{where}: an output loads a script from elsewhere (<script src=...>)")
            if PROGRESS_HTML.search(html) or PROGRESS_TEXT.search(plain):
                problems.append(f"{where}: a progress display was left in the notebook: {plain[:160]!r}")
            # The same value shown twice: same plain text, or the same HTML apart from chart ids and plotly.js.
            key = plain.strip() or CHART_ID.sub("", html.replace(PLOTLY_MARKER, "")).strip()
            if not key:
                continue
            if key in seen:
                problems.append(f"{where}: the same value is displayed twice ({kind} after {seen[key]}): {key[:160]!r}")
            else:
                seen[key] = kind
    if plotly != 1:
        problems.append(f"plotly.js is embedded {plotly} times (expected exactly once per notebook)")
    return problems


def main(argv):
    executed = "--executed" in argv
    paths = [a for a in argv if a != "--executed"]
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    failed = 0
    for path in paths:
        try:
            problems = check(path, executed)
        except (OSError, ValueError) as e:
            problems = [f"cannot read it: {e}"]
        if problems:
            failed += 1
            print(f"check FAIL {path}")
            for p in problems:
                print(f"    {p}")
        else:
            print(f"check ok   {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
