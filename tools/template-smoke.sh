#!/usr/bin/env bash
# Packs the `dotnet new tfe-cdk` template (templates/Tfe.Cdk.Templates), installs it into a throwaway template hive
# (the machine's own `dotnet new` templates are untouched), creates an app of each topology in a temporary folder,
# restores it against the library packed here, builds it, runs its tests and synthesizes it offline, as a user would.
#
#   bash tools/template-smoke.sh      (from anywhere; writes artifacts/nupkg/Tfe.Cdk.Templates.<version>.nupkg)
#
# The library package is the one tools/pack-smoke.sh left in artifacts/nupkg/ when it is newer than every source of
# the library; otherwise this script packs it. The synth uses the CDK CLI pinned in tools/ (`npm ci --prefix tools`)
# when it is installed, and runs the app the way the CLI does (CDK_CONTEXT_JSON) when it is not.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1 JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION=1 \
  JSII_SILENCE_WARNING_KNOWN_BROKEN_NODE_VERSION=1 JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=18,20,22,24
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 CDK_DISABLE_CLI_TELEMETRY=true

started="$(date +%s)"
fail() { echo "template-smoke: FAILED: $*" >&2; exit 1; }

library_project=src/Tfe.Cdk.Constructs/Tfe.Cdk.Constructs.csproj
template_project=templates/Tfe.Cdk.Templates/Tfe.Cdk.Templates.csproj
out="$repo/artifacts/nupkg"
version="$(dotnet msbuild "$library_project" -getProperty:Version)"
[[ -n "$version" ]] || fail "could not read the library's version"

# 1. The library package, fresh: a package older than any of its sources would test yesterday's library.
library="$out/Tfe.Cdk.Constructs.$version.nupkg"
if [[ ! -f "$library" || -n "$(find src Directory.Build.props Directory.Build.targets Directory.Packages.props README.md -newer "$library" -print -quit)" ]]; then
  dotnet pack "$library_project" -c Release -o "$out" --nologo -v quiet
fi
[[ -f "$library" ]] || fail "no $library"

# The app's cached lookups are the repository's (cdk.context.json), key for key: one refresh updates both.
python3 - cdk.context.json templates/Tfe.Cdk.Templates/content/TfeCdkApp/cdk.context.json <<'EOF' \
  || fail "the template's cdk.context.json differs from the repository's"
import json, sys
repo, app = (json.load(open(f)) for f in sys.argv[1:3])
stale = [k for k, v in app.items() if repo.get(k) != v]
for k in stale: print(f"  {k}: {app[k]!r}, the repository has {repo.get(k)!r}", file=sys.stderr)
sys.exit(1 if stale or not app else 0)
EOF

# 2. The template package. Packing fails if the app's package pins differ from the repository's (the .csproj says how).
dotnet pack "$template_project" -c Release -o "$out" --nologo -v quiet
template="$out/Tfe.Cdk.Templates.$version.nupkg"
[[ -f "$template" ]] || fail "no $template (the template package carries the library's version)"
listing="$(unzip -l "$template")"
grep -q ' content/TfeCdkApp/\.template\.config/template\.json$' <<<"$listing" || fail "the package has no content/TfeCdkApp/.template.config/template.json"
grep -q '<packageType name="Template" />' < <(unzip -p "$template" Tfe.Cdk.Templates.nuspec) || fail "the nuspec does not declare packageType Template"
! grep -qE ' content/.*/(bin|obj|cdk\.out)/' <<<"$listing" || fail "the package holds build output (bin/, obj/ or cdk.out/)"
echo "template-smoke: packed Tfe.Cdk.Templates $version ($(grep -c ' content/' <<<"$listing") files)"

# 3. A temporary folder for a template hive of its own (the machine's `dotnet new` templates are untouched), the apps,
# and a nuget.config that adds the local package folder to the machine's package sources (it clears none and names no
# other feed).
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
hive="$work/hive"
cat >"$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="tfe-cdk-local" value="$out" />
  </packageSources>
</configuration>
EOF
# A package of the same version restored earlier would be taken from the global cache instead of the new one.
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/tfe.cdk.constructs/$version"
# The README's command, by package id (at this version), resolved through that nuget.config: the local package folder.
(cd "$work" && dotnet new install "Tfe.Cdk.Templates::$version" --debug:custom-hive "$hive") >"$work/install.log" 2>&1 \
  || { cat "$work/install.log"; fail "dotnet new install Tfe.Cdk.Templates::$version"; }
(cd "$work" && dotnet new uninstall --debug:custom-hive "$hive") >"$work/installed.log" 2>&1 || true
grep -qF "NuGetSource: $out" "$work/installed.log" || { cat "$work/installed.log"; fail "the template was not installed from $out"; }

# The CDK CLI, offline by contract: --no-lookups (a context key missing from cdk.context.json fails the synth),
# --no-notices, no telemetry, and no AWS credentials or region from this machine (as .ci/run's CLI step).
cli="$repo/tools/node_modules/.bin/cdk"
synth() {
  local app="$1" # and $2: the project's name, for the run without the CLI
  if [[ -x "$cli" ]]; then
    (cd "$app" && env -u AWS_PROFILE -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN -u AWS_DEFAULT_REGION \
      -u CDK_DEFAULT_ACCOUNT -u CDK_DEFAULT_REGION AWS_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null \
      AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true \
      "$cli" synth --quiet --no-lookups --no-notices)
  else
    # What the CLI gives the app: cdk.json's context and cdk.context.json, and cdk.out as the output folder.
    local context
    context="$(python3 -c 'import json, sys; c = json.load(open(sys.argv[1])).get("context", {}); c.update(json.load(open(sys.argv[2]))); print(json.dumps(c))' \
      "$app/cdk.json" "$app/cdk.context.json")"
    (cd "$app" && env -u CDK_DEFAULT_ACCOUNT -u CDK_DEFAULT_REGION CDK_CONTEXT_JSON="$context" CDK_OUTDIR=cdk.out \
      dotnet run --project "src/$2")
  fi
}

# 4. Each topology: a name with a dot and a hyphen, which the namespace and the stack name must survive.
for topology in standalone active-active; do
  step_started="$(date +%s)"
  case "$topology" in
    standalone) name="Smoke.Standalone-App" nodes=1 ;;
    active-active) name="Smoke.ActiveActive-App" nodes=3 ;;
  esac
  project="${name//-/_}"    # the C# namespace form: the project, its folder and its namespace
  stack_name="${name//./-}"  # a CloudFormation stack name: letters, digits and hyphens
  app="$work/$name"
  phase="$(date +%s)"
  dotnet new tfe-cdk -n "$name" --topology "$topology" -o "$app" --debug:custom-hive "$hive" >"$work/new.log" 2>&1 \
    || { cat "$work/new.log"; fail "dotnet new tfe-cdk --topology $topology"; }
  for file in cdk.json cdk.context.json README.md .gitignore "$project.slnx" "src/$project/$project.csproj" "tests/$project.Tests/$project.Tests.csproj"; do
    [[ -f "$app/$file" ]] || fail "$topology: the app has no $file"
  done
  leftovers="$(grep -rlE 'TfeCdkApp|TfeStackName|#if|#endif' "$app" || true)"
  [[ -z "$leftovers" ]] || fail "$topology: template tokens or conditions left in $(tr '\n' ' ' <<<"$leftovers")"
  grep -qF "<PackageVersion Include=\"Tfe.Cdk.Constructs\" Version=\"$version\" />" "$app/Directory.Packages.props" \
    || fail "$topology: the app does not reference Tfe.Cdk.Constructs $version"

  new_s=$(($(date +%s) - phase)) phase="$(date +%s)"
  # Restore (the library from the local package), build, and run the app's own tests.
  (cd "$app" && dotnet test --nologo -v quiet) >"$work/test.log" 2>&1 || { cat "$work/test.log"; fail "$topology: dotnet test"; }
  read -r passed failed < <(sed -n 's/.*Failed: *\([0-9]*\), Passed: *\([0-9]*\),.*/\2 \1/p' "$work/test.log" | head -n 1)
  [[ "${passed:-0}" -ge 6 && "${failed:-1}" -eq 0 ]] || { cat "$work/test.log"; fail "$topology: the app's tests: ${passed:-0} passed, ${failed:-?} failed"; }

  test_s=$(($(date +%s) - phase)) phase="$(date +%s)"
  synth "$app" "$project" >"$work/synth.log" 2>&1 || { cat "$work/synth.log"; fail "$topology: cdk synth"; }
  synth_s=$(($(date +%s) - phase))
  template_json="$app/cdk.out/$stack_name.template.json"
  [[ -f "$template_json" ]] || { cat "$work/synth.log"; fail "$topology: no $template_json"; }
  image_id="$(python3 -c 'import json, sys; print(next(v for k, v in json.load(open(sys.argv[1])).items() if k.startswith("ssm:account=123456789012:") and k.endswith(":region=us-east-1")))' "$app/cdk.context.json")"
  python3 - "$template_json" "$nodes" "$topology" "$image_id" <<'EOF' || fail "$topology: $template_json is not the deployment"
import json, sys
path, nodes, topology, image_id = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
resources = json.load(open(path))["Resources"].values()
def of(kind): return [r.get("Properties", {}) for r in resources if r["Type"] == kind]
problems = []
groups = of("AWS::AutoScaling::AutoScalingGroup")
if len(groups) != 1 or groups[0].get("MinSize") != nodes or groups[0].get("MaxSize") != nodes or "LaunchTemplate" not in groups[0]:
    problems.append(f"not one Auto Scaling group of {nodes} node(s) on a launch template")
templates = of("AWS::EC2::LaunchTemplate")
if not templates:
    problems.append("no launch template")
elif any(t["LaunchTemplateData"].get("ImageId") != image_id for t in templates):
    problems.append(f"the launch template does not boot {image_id}, the image cached in cdk.context.json")
if of("AWS::AutoScaling::LaunchConfiguration"):
    problems.append("a launch configuration (launch templates only)")
if not any(r.get("MultiAZ") is True for r in of("AWS::RDS::DBInstance")):
    problems.append("no Multi-AZ database")
if bool(of("AWS::ElastiCache::ReplicationGroup")) != (topology == "active-active"):
    problems.append("a Redis replication group" if topology == "standalone" else "no Redis replication group")
if '"us-east-1a"' not in open(path).read():
    problems.append("not the Availability Zones cached in cdk.context.json")
for p in problems: print(f"  {p}", file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
  resources="$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["Resources"]))' "$template_json")"
  echo "template-smoke: $topology: dotnet new tfe-cdk -n $name -> $passed test(s) passed; synth -> $stack_name: $resources resources," \
    "1 Auto Scaling group of $nodes on a launch template, the cached image and zones;" \
    "$(($(date +%s) - step_started)) s (new $new_s s, restore + build + test $test_s s, synth $synth_s s)"
done
via="the CDK CLI (tools/)"
[[ -x "$cli" ]] || via="CDK_CONTEXT_JSON (no CDK CLI in tools/node_modules)"
echo "template-smoke: OK: both topologies created, built, tested and synthesized offline via $via in $(($(date +%s) - started)) s"
