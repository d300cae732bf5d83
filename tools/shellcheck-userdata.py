#!/usr/bin/env python3
"""Renders the user data scripts of synthesized CloudFormation templates and runs shellcheck on each.

    python3 tools/shellcheck-userdata.py [--require] [--keep DIR] CDK_OUT_DIR...

Every *.template.json under the given folders is read. The UserData of each AWS::EC2::LaunchTemplate
(LaunchTemplateData.UserData), AWS::EC2::Instance and AWS::AutoScaling::LaunchConfiguration is rendered to text:
Fn::Base64, Fn::Join, Fn::Sub, Fn::Select and Fn::Split are evaluated when their inputs are literal, and every
value known only at deploy time becomes a deterministic placeholder word (TOKEN_Ref_Bucket, TOKEN_GetAtt_Db_Endpoint_Address,
TOKEN_AWS_Region, ...), so the script shellcheck sees has the same shape as the one an instance runs.
MIME multipart user data is split into its shell parts; cloud-config and PowerShell parts are skipped and reported.

The files of each resource's AWS::CloudFormation::Init metadata (config.files, every config) that are shell scripts
(a name ending in .sh, or a #! line naming a shell) are rendered the same way, written side by side in one folder per
resource (so the scripts that source each other are followed: shellcheck -x, source path SCRIPTDIR) and checked too:
the node's boot logic is delivered to it by cfn-init, and its user data only writes the configuration and runs it.

Each script is checked with `shellcheck` (its own #! line decides the shell; without one, bash is assumed). Each user
data line reports its size in bytes as rendered (placeholders stand in for deploy-time values): EC2 refuses user data
over 16,384 bytes.
Exit code: 0 when all scripts are clean, 1 on any shellcheck finding (or when --require is given and no script was
found), 2 on a usage problem or when shellcheck is missing.
"""

from __future__ import annotations

import argparse
import email
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

USER_DATA_TYPES = {
    "AWS::EC2::LaunchTemplate": ("LaunchTemplateData", "UserData"),
    "AWS::EC2::Instance": ("UserData",),
    "AWS::AutoScaling::LaunchConfiguration": ("UserData",),
}
SHELLS = ("sh", "bash", "dash", "ksh")


def word(*parts: object) -> str:
    """A placeholder that reads as one shell word: letters, digits and underscores only."""
    return re.sub(r"_+", "_", re.sub(r"[^A-Za-z0-9_]", "_", "_".join(str(p) for p in parts)))


class Renderer:
    """Turns CloudFormation intrinsic functions into text, with placeholders for what only CloudFormation knows."""

    def __init__(self, parameters: dict):
        self.parameters = parameters

    def render(self, value) -> str:
        rendered = self.value(value)
        if isinstance(rendered, list):
            return ",".join(str(v) for v in rendered)
        return str(rendered)

    def value(self, v):
        """Returns a string, or a list for list-valued intrinsics (Fn::Split, Fn::GetAZs)."""
        if isinstance(v, str):
            return v
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)):
            return str(v)
        if isinstance(v, list):
            return [self.value(x) for x in v]
        if not isinstance(v, dict) or len(v) != 1:
            return "TOKEN_Object"
        (fn, arg), = v.items()
        if fn == "Fn::Base64":
            return self.render(arg)
        if fn == "Fn::Join":
            delimiter, items = arg
            items = self.value(items)
            if not isinstance(items, list):
                return word("TOKEN_Join", items)
            return str(delimiter).join(self.render(i) for i in items)
        if fn == "Ref":
            return self.ref(arg)
        if fn == "Fn::GetAtt":
            logical_id, attribute = arg if isinstance(arg, list) else arg.split(".", 1)
            return word("TOKEN_GetAtt", logical_id, self.render(attribute))
        if fn == "Fn::Sub":
            return self.sub(arg)
        if fn == "Fn::Select":
            index, items = arg
            items = self.value(items)
            try:
                return items[int(self.render(index))] if isinstance(items, list) else word("TOKEN_Select", index, items)
            except (IndexError, ValueError):
                return word("TOKEN_Select", index)
        if fn == "Fn::Split":
            delimiter, source = arg
            source = self.render(source)
            return source.split(delimiter) if "TOKEN_" not in source else word("TOKEN_Split", source)
        if fn == "Fn::GetAZs":
            return [word("TOKEN_AZ", i) for i in range(3)]
        if fn == "Fn::ImportValue":
            return word("TOKEN_ImportValue", self.render(arg))
        if fn == "Fn::FindInMap":
            return word("TOKEN_FindInMap", *[self.render(a) for a in arg])
        if fn == "Fn::If":
            # The user data must be valid whichever branch CloudFormation takes; render the first.
            return self.value(arg[1])
        return word("TOKEN", fn.replace("Fn::", ""))

    def ref(self, name: str) -> str:
        if name.startswith("AWS::"):
            return word("TOKEN", name)
        return word("TOKEN_Ref", name)

    def sub(self, arg) -> str:
        template, variables = (arg, {}) if isinstance(arg, str) else (arg[0], arg[1])

        def replace(m: re.Match) -> str:
            inner = m.group(1)
            if inner.startswith("!"):
                return "${" + inner[1:] + "}"
            if inner in variables:
                return self.render(variables[inner])
            if inner.startswith("AWS::"):
                return word("TOKEN", inner)
            if "." in inner:
                logical_id, attribute = inner.split(".", 1)
                return word("TOKEN_GetAtt", logical_id, attribute)
            return word("TOKEN_Ref", inner)

        return re.sub(r"\$\{([^}]*)\}", replace, template)


def user_data_of(resource: dict):
    path = USER_DATA_TYPES.get(resource.get("Type"))
    node = resource.get("Properties", {})
    for key in path or ():
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node if path else None


def shell_parts(text: str):
    """Yields (suffix, script or None, note) for each part of the user data: one part unless it is MIME multipart."""
    if text.lstrip().lower().startswith(("content-type: multipart", "mime-version")):
        message = email.message_from_string(text)
        for i, part in enumerate(p for p in message.walk() if not p.is_multipart()):
            payload = part.get_payload(decode=True)
            body = payload.decode("utf-8", "replace") if payload is not None else str(part.get_payload())
            if part.get_content_type() == "text/x-shellscript":
                yield f"part{i}", body, None
            else:
                yield f"part{i}", None, f"skipped MIME part {i} ({part.get_content_type()})"
        return
    head = text.lstrip()
    if head.startswith("#cloud-config"):
        yield "", None, "skipped: cloud-config, not a shell script"
    elif head.startswith(("<powershell>", "<script>", "<persist>")):
        yield "", None, "skipped: Windows user data"
    else:
        yield "", text, None


def init_files(resource: dict):
    """Yields (path, content) for each file of the resource's AWS::CloudFormation::Init metadata that has a content."""
    init = resource.get("Metadata", {}).get("AWS::CloudFormation::Init", {})
    for config_name, config in sorted(init.items()):
        if config_name == "configSets" or not isinstance(config, dict):
            continue
        for path, spec in sorted(config.get("files", {}).items()):
            if isinstance(spec, dict) and "content" in spec:
                yield path, spec["content"]


def is_shell(path: str, text: str) -> bool:
    first = text.splitlines()[0] if text else ""
    shebang = re.match(r"#!\s*(?:/usr)?/bin/(?:env\s+)?(\S+)", first)
    return path.endswith(".sh") or bool(shebang and shebang.group(1) in SHELLS)


def shellcheck_args(script: str, severity: str) -> list[str]:
    args = ["shellcheck", "--color=never", f"--severity={severity}"]
    first = script.splitlines()[0] if script else ""
    shebang = re.match(r"#!\s*(?:/usr)?/bin/(?:env\s+)?(\S+)", first)
    if not (shebang and shebang.group(1) in SHELLS):
        args.append("--shell=bash")  # no #! line naming a shell: cloud-init runs it with bash on the AMIs TFE uses
    return args


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("dirs", nargs="+", metavar="CDK_OUT_DIR")
    parser.add_argument("--require", action="store_true", help="fail when no user data script is found at all")
    parser.add_argument("--keep", metavar="DIR", help="write the rendered scripts to DIR (default: a temporary folder)")
    parser.add_argument("--severity", default="style", choices=["error", "warning", "info", "style"],
                        help="lowest shellcheck severity that fails (default: style, i.e. every finding)")
    args = parser.parse_args()

    if shutil.which("shellcheck") is None:
        print("shellcheck-userdata: shellcheck is not installed (Debian: apt-get install -y shellcheck)", file=sys.stderr)
        return 2

    templates = []
    for d in args.dirs:
        if not Path(d).is_dir():
            print(f"shellcheck-userdata: {d}: not a folder", file=sys.stderr)
            return 2
        templates += sorted(Path(d).rglob("*.template.json"))

    out = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="userdata-"))
    out.mkdir(parents=True, exist_ok=True)
    scripts = failed = 0
    try:
        for template_file in templates:
            template = json.loads(template_file.read_text())
            renderer = Renderer(template.get("Parameters", {}))
            for logical_id, resource in sorted(template.get("Resources", {}).items()):
                label = f"{template_file}:{logical_id}"
                files = [(path, renderer.render(content)) for path, content in init_files(resource)]
                shell_files = [(path, text) for path, text in files if is_shell(path, text)]
                if files:
                    folder = out / word(template_file.parent.name, template_file.name.removesuffix(".template.json"), logical_id, "init").strip("_")
                    folder.mkdir(parents=True, exist_ok=True)
                    for path, text in files:
                        (folder / Path(path).name).write_text(text)
                    for path, text in shell_files:
                        scripts += 1
                        result = subprocess.run([*shellcheck_args(text, args.severity), "--external-sources", "--source-path=SCRIPTDIR",
                                                 str(folder / Path(path).name)], capture_output=True, text=True, check=False)
                        findings = len(re.findall(r"SC\d+ \(", result.stdout))
                        status = "OK" if result.returncode == 0 else f"{findings} finding(s)"
                        print(f"-- {label}#cfn-init {path}: {len(text.splitlines())} lines, {status}")
                        if result.returncode != 0:
                            failed += 1
                            print(result.stdout.rstrip() or result.stderr.rstrip())
                    if len(files) > len(shell_files):
                        print(f"-- {label}#cfn-init: {len(files) - len(shell_files)} file(s) that are not shell scripts skipped")
                user_data = user_data_of(resource)
                if user_data is None:
                    continue
                for suffix, script, note in shell_parts(renderer.render(user_data)):
                    if script is None:
                        print(f"-- {label}{'#' + suffix if suffix else ''}: {note}")
                        continue
                    scripts += 1
                    name = word(template_file.parent.name, template_file.name.removesuffix(".template.json"), logical_id, suffix).strip("_")
                    script_file = out / f"{name}.sh"
                    script_file.write_text(script if script.endswith("\n") else script + "\n")
                    result = subprocess.run([*shellcheck_args(script, args.severity), str(script_file)],
                                            capture_output=True, text=True, check=False)
                    findings = len(re.findall(r"SC\d+ \(", result.stdout))
                    status = "OK" if result.returncode == 0 else f"{findings} finding(s)"
                    print(f"-- {label}{'#' + suffix if suffix else ''}: {len(script.splitlines())} lines, {len(script.encode())} bytes, {status}")
                    if result.returncode != 0:
                        failed += 1
                        print(result.stdout.rstrip() or result.stderr.rstrip())
    finally:
        if not args.keep:
            shutil.rmtree(out, ignore_errors=True)

    print(f"shellcheck-userdata: {len(templates)} template(s), {scripts} script(s), {failed} with findings")
    if args.require and scripts == 0:
        print("shellcheck-userdata: FAILED: --require given and no user data script was found", file=sys.stderr)
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
