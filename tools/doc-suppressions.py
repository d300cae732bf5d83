#!/usr/bin/env python3
"""Checks that docs/security.md's suppression table names every AwsSolutions rule the templates suppress, and no other.

    python3 tools/doc-suppressions.py cdk.out/*/ tests/Tfe.Cdk.Tests/bin/Debug/net10.0/synthesized/*/

Reads every *.template.json under the given folders (the samples and every scenario the tests synthesized), collects
the AwsSolutions ids of the cdk-nag suppressions the library writes (Metadata.cdk_nag.rules_to_suppress on a resource,
or on the template), and compares them with the AwsSolutions ids in the first column of the table in
docs/security.md ("These are all of them"). The suppressions a test writes on resources it defines itself (their reason
starts with "Test scaffolding", tests/Tfe.Cdk.Tests/Infrastructure/Scaffolding.cs) are not the library's and are skipped. Exit code 0 when the two
sets are equal, 1 when not (the difference is printed), 2 on a usage problem.
"""
import json
import pathlib
import re
import sys

REPO = pathlib.Path(__file__).resolve().parent.parent
PAGE = REPO / "docs" / "security.md"
RULE = re.compile(r"AwsSolutions-[A-Za-z0-9]+")


def documented():
    """The AwsSolutions ids in the first column of the page's suppression table."""
    ids = set()
    in_table = False
    for line in PAGE.read_text(encoding="utf-8").splitlines():
        if line.startswith("| rule | resource | when | reason |"):
            in_table = True
            continue
        if in_table and not line.startswith("|"):
            break
        if in_table:
            ids.update(RULE.findall(line.split("|")[1]))
    return ids


def suppressed(folders):
    """The AwsSolutions ids suppressed in the templates under the folders, each with one place it is suppressed."""
    found = {}
    for folder in folders:
        for template_path in sorted(pathlib.Path(folder).rglob("*.template.json")):
            template = json.loads(template_path.read_text(encoding="utf-8"))
            places = [("(template)", template.get("Metadata", {}))]
            places += [(rid, r.get("Metadata", {})) for rid, r in template.get("Resources", {}).items()]
            for where, metadata in places:
                for rule in metadata.get("cdk_nag", {}).get("rules_to_suppress", []):
                    rule_id = rule.get("id", "")
                    if RULE.fullmatch(rule_id) and not str(rule.get("reason", "")).startswith("Test scaffolding"):
                        found.setdefault(rule_id, f"{template_path}: {where}")
    return found


def natural(rule):
    """AwsSolutions-IAM4 before AwsSolutions-IAM5 before AwsSolutions-RDS10."""
    return re.sub(r"\d+", "", rule), int(re.sub(r"\D", "", rule) or 0)


def main(argv):
    folders = [a for a in argv if not a.startswith("-")]
    if not folders or any(not pathlib.Path(f).is_dir() for f in folders):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    in_page = documented()
    in_templates = suppressed(folders)
    missing = sorted(set(in_templates) - in_page)
    stale = sorted(in_page - set(in_templates))
    for rule in missing:
        print(f"doc-suppressions: {rule} is suppressed ({in_templates[rule]}) but docs/security.md's table does not list it")
    for rule in stale:
        print(f"doc-suppressions: docs/security.md lists {rule}, which no synthesized template suppresses")
    if missing or stale:
        return 1
    print(f"doc-suppressions: docs/security.md lists the {len(in_page)} AwsSolutions rules the templates suppress "
          f"({', '.join(sorted(in_page, key=natural))})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
