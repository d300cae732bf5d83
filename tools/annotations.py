#!/usr/bin/env python3
"""Counts the error and warning annotations that a synthesized cloud assembly recorded in its manifest.

    python3 tools/annotations.py cdk.out/StandaloneApp      -> prints "ERRORS WARNINGS"; each annotation on stderr

Running a CDK app directly (not through the CDK CLI) does not fail on error annotations: CI reads them here.
"""

import json
import pathlib
import sys

counts = {"aws:cdk:error": 0, "aws:cdk:warning": 0}
for manifest in sorted(pathlib.Path(sys.argv[1]).rglob("manifest.json")):
    for artifact in json.loads(manifest.read_text()).get("artifacts", {}).values():
        for path, entries in artifact.get("metadata", {}).items():
            for entry in entries:
                if entry["type"] in counts:
                    counts[entry["type"]] += 1
                    print(f"  {entry['type'].rsplit(':', 1)[-1].upper()} {path}: {entry['data']}", file=sys.stderr)
print(counts["aws:cdk:error"], counts["aws:cdk:warning"])
