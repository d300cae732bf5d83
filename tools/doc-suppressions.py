#!/usr/bin/env python3
"""Checks that the docs' suppression tables name every cdk-nag rule the templates suppress, and no other.

    python3 tools/doc-suppressions.py cdk.out/*/ tests/Tfe.Cdk.Tests/bin/Debug/net10.0/synthesized/*/

Reads every *.template.json under the given folders (the samples and every scenario the tests synthesized) and collects
the ids of the cdk-nag suppressions the library writes (Metadata.cdk_nag.rules_to_suppress on a resource, or on the
template). The AwsSolutions ids are compared with the first column of the table in docs/security.md ("These are all of
them"); the rules of the compliance packs (NIST.800.53.R5-, HIPAA.Security-, PCI.DSS.321-<Rule>) with the Rule column of
the tables headed "| Packs | Rule |" in docs/compliance.md. The suppressions a test writes on resources it defines
itself (their reason starts with "Test scaffolding", tests/Tfe.Cdk.Tests/Infrastructure/Scaffolding.cs) are not the
library's and are skipped. Exit code 0 when each page's set equals the templates', 1 when not (the difference is
printed), 2 on a usage problem.
"""
import json
import pathlib
import re
import sys

REPO = pathlib.Path(__file__).resolve().parent.parent
PAGE = REPO / "docs" / "security.md"
COMPLIANCE = REPO / "docs" / "compliance.md"
RULE = re.compile(r"AwsSolutions-[A-Za-z0-9]+")
PACK_RULE = re.compile(r"(?:NIST\.800\.53\.R5|HIPAA\.Security|PCI\.DSS\.321)-([A-Za-z0-9]+)")


def column(page, header, index):
    """The cells of column index (1 = the first) of every table of page whose header line starts with header."""
    in_table = False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith(header):
            in_table = True
        elif in_table and not line.startswith("|"):
            in_table = False
        elif in_table and not line.startswith("| ---"):
            yield line.split("|")[index]


def documented():
    """The AwsSolutions ids in the first column of security.md's suppression table."""
    return {rule for cell in column(PAGE, "| rule | resource | when | reason |", 1) for rule in RULE.findall(cell)}


def documented_pack_rules():
    """The rule names in the Rule column of docs/compliance.md's tables headed "| Packs | Rule |"."""
    return {rule for cell in column(COMPLIANCE, "| Packs | Rule |", 2) for rule in re.findall(r"`([A-Za-z0-9]+)`", cell)}


def suppressed(folders):
    """The rules suppressed in the templates under the folders (AwsSolutions ids, and the compliance packs' rule names),
    each with one place it is suppressed."""
    found = {}
    for folder in folders:
        for template_path in sorted(pathlib.Path(folder).rglob("*.template.json")):
            template = json.loads(template_path.read_text(encoding="utf-8"))
            places = [("(template)", template.get("Metadata", {}))]
            places += [(rid, r.get("Metadata", {})) for rid, r in template.get("Resources", {}).items()]
            for where, metadata in places:
                for rule in metadata.get("cdk_nag", {}).get("rules_to_suppress", []):
                    rule_id = rule.get("id", "")
                    if str(rule.get("reason", "")).startswith("Test scaffolding"):
                        continue
                    if RULE.fullmatch(rule_id):
                        found.setdefault(rule_id, f"{template_path}: {where}")
                    elif pack := PACK_RULE.fullmatch(rule_id):
                        found.setdefault(pack.group(1), f"{template_path}: {where}")
    return found


def natural(rule):
    """AwsSolutions-IAM4 before AwsSolutions-IAM5 before AwsSolutions-RDS10."""
    return re.sub(r"\d+", "", rule), int(re.sub(r"\D", "", rule) or 0)


def main(argv):
    folders = [a for a in argv if not a.startswith("-")]
    if not folders or any(not pathlib.Path(f).is_dir() for f in folders):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    found = suppressed(folders)
    failed = False
    for page, in_page, in_templates in (
            ("docs/security.md", documented(), {r: w for r, w in found.items() if r.startswith("AwsSolutions-")}),
            ("docs/compliance.md", documented_pack_rules(), {r: w for r, w in found.items() if not r.startswith("AwsSolutions-")})):
        for rule in sorted(set(in_templates) - in_page):
            print(f"doc-suppressions: {rule} is suppressed ({in_templates[rule]}) but {page}'s table does not list it")
            failed = True
        for rule in sorted(in_page - set(in_templates)):
            print(f"doc-suppressions: {page} lists {rule}, which no synthesized template suppresses")
            failed = True
        if not failed:
            print(f"doc-suppressions: {page} lists the {len(in_page)} rules the templates suppress ({', '.join(sorted(in_page, key=natural))})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
