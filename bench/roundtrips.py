#!/usr/bin/env python3
"""Counts the jsii round trips in a .NET CDK app's request log (JSII_DEBUG=1 writes every request to stderr).

    JSII_DEBUG=1 dotnet samples/StandaloneApp/bin/Release/net10.0/StandaloneApp.dll 2> jsii.log >/dev/null
    python3 bench/roundtrips.py jsii.log            # one line: the counts by kind
    python3 bench/roundtrips.py --short jsii.log    # the same, shorter (a table cell): 722 (create 139, get 281, ...)
    python3 bench/roundtrips.py --detail jsii.log   # by phase (bench/Phases writes "# phase" markers), types, members

A round trip is one request from .NET to Node and its answer: load (an assembly), create (a new object: a construct,
a props-less helper such as a PolicyStatement, or a C# subclass/interface implementation, which Node then calls back),
get/set (an instance property), invoke (an instance method), sget/sinvoke (a static property or method), and complete
(the answer to a callback: Node calling a C# override such as an aspect's Visit).
"""
import collections
import json
import sys

KINDS = ["load", "create", "get", "set", "invoke", "sget", "sset", "sinvoke", "complete"]


def parse(path):
    """Yields (phase, kind, what) for every request in the log."""
    phase = "(no phase marker)"
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            if line.startswith("# phase "):
                phase = line[len("# phase "):].strip()
            elif line.startswith('> {"complete"'):
                yield phase, "complete", "callback answer"
            elif line.startswith('> {"api"'):
                try:
                    request = json.loads(line[2:])
                except json.JSONDecodeError:
                    continue
                kind = request.get("api")
                if kind == "create":
                    what = request.get("fqn", "?")
                    if request.get("overrides"):
                        what += " (C# overrides)"
                elif kind in ("get", "set", "invoke"):
                    what = request.get("property") or request.get("method") or "?"
                elif kind in ("sget", "sset", "sinvoke"):
                    what = f'{request.get("fqn", "?")}.{request.get("property") or request.get("method") or "?"}'
                else:
                    what = request.get("name", "")
                yield phase, kind, what.replace("aws-cdk-lib.", "")


def counts_line(requests):
    by_kind = collections.Counter(kind for _, kind, _ in requests)
    total = sum(by_kind.values())
    return f"{total} round trips: " + ", ".join(f"{k} {by_kind[k]}" for k in KINDS if by_kind[k])


def short_line(requests):
    by_kind = collections.Counter(kind for _, kind, _ in requests)
    main_kinds = ["create", "get", "invoke", "sinvoke"]
    other = sum(n for k, n in by_kind.items() if k not in main_kinds)
    return f"{sum(by_kind.values()):,} (" + ", ".join(f"{k} {by_kind[k]}" for k in main_kinds) + f", other {other})"


def main(argv):
    detail = "--detail" in argv
    paths = [a for a in argv if not a.startswith("--")]
    if len(paths) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    requests = list(parse(paths[0]))
    if "--short" in argv:
        print(short_line(requests))
        return 0
    print(counts_line(requests))
    if detail:
        phases = list(dict.fromkeys(p for p, _, _ in requests))
        for phase in phases:
            print(f"  {phase}: {counts_line([r for r in requests if r[0] == phase])}")
        for kind in ("create", "get", "invoke", "sinvoke"):
            top = collections.Counter(w for _, k, w in requests if k == kind).most_common(12)
            print(f"most frequent {kind}: " + ", ".join(f"{w} {n}" for w, n in top))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
