#!/usr/bin/env python3
"""Refresh the last column of the rule table (docs/rules.md) from the tests' [Trait("Rule", "<id>")] attributes.

Columns 1-4 (rule, what the reference says, construct, how enforced) are written by hand; the tests that prove each
rule are read from tests/ so the table cannot drift. Usage: python3 tools/readme-rule-table.py [--check]
(--check exits 1 when the table is out of date instead of rewriting it). The README keeps only an index of the ids.
"""
import collections
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
TABLE = ROOT / "docs" / "rules.md"
TOKEN = re.compile(r'(class (\w+))|(\[Trait\("Rule", "([A-Z0-9-]+)"\)\])|(public void (\w+))')
ROW = re.compile(r"^(\| (?P<rule>[A-Z0-9]+-\d+) \|(?:[^|]*\|){3}) (?P<tests>[^|]*) \|$", re.M)


def proofs():
    tests = collections.defaultdict(list)
    for path in sorted((ROOT / "tests").rglob("*.cs")):
        text = path.read_text()
        cls, pending = None, []
        for m in TOKEN.finditer(text):
            if m.group(2):
                cls, pending = m.group(2), []
            elif m.group(4):
                pending.append(m.group(4))
            elif m.group(6):
                for rule in pending:
                    tests[rule].append(f"{cls}.{m.group(6)}")
                pending = []
        if path.name.endswith("ValidationTests.cs"):
            cls = re.search(r"class (\w+)", text).group(1)
            for rule in set(re.findall(r'"((?:MODE|COMP|DB|S3|NET|TLS|OPS|DR|REDIS)-\d)"', text)):
                if not any(t.startswith(cls + ".") for t in tests[rule]):
                    tests[rule].append(f"{cls} (theory cases)")
    return tests


def cell(names):
    if not names:
        return "—"
    shown = "<br>".join(f"`{n}`" for n in names[:3])
    return shown + (f"<br>(+{len(names) - 3} more)" if len(names) > 3 else "")


def main():
    tests = proofs()
    text = TABLE.read_text()
    updated = ROW.sub(lambda m: f"{m.group(1)} {cell(tests.get(m.group('rule'), []))} |", text)
    if "--check" in sys.argv:
        if updated != text:
            print("docs/rules.md rule table is out of date: run python3 tools/readme-rule-table.py")
            return 1
        print(f"docs/rules.md rule table: {len(ROW.findall(text))} rows, up to date")
        return 0
    TABLE.write_text(updated)
    print(f"docs/rules.md rule table: {len(ROW.findall(updated))} rows refreshed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
