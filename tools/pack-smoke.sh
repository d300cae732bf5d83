#!/usr/bin/env bash
# Packs Tfe.Cdk.Constructs, checks what the package holds, then builds a fresh CDK app in a temporary folder that
# takes the library from that package (PackageReference, not ProjectReference) and synthesizes it.
#
#   bash tools/pack-smoke.sh          (from anywhere; writes artifacts/nupkg/ in the repo)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1 JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION=1 \
  JSII_SILENCE_WARNING_KNOWN_BROKEN_NODE_VERSION=1 JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=18,20,22,24
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

fail() { echo "pack-smoke: FAILED: $*" >&2; exit 1; }

project=src/Tfe.Cdk.Constructs/Tfe.Cdk.Constructs.csproj
out="$repo/artifacts/nupkg"
version="$(dotnet msbuild "$project" -getProperty:Version)"
# The consumer uses the same CDK pins as the repo.
pin() { sed -n "s/.*<PackageVersion Include=\"$1\" Version=\"\([^\"]*\)\".*/\1/p" Directory.Packages.props; }
cdk_version="$(pin Amazon.CDK.Lib)"
constructs_version="$(pin Constructs)"
[[ -n "$version" && -n "$cdk_version" && -n "$constructs_version" ]] || fail "could not read the versions"

# 1. Pack.
rm -rf "$out"
dotnet pack "$project" -c Release -o "$out" --nologo -v quiet
nupkg="$out/Tfe.Cdk.Constructs.$version.nupkg"
[[ -f "$nupkg" ]] || fail "no $nupkg"
[[ -f "$out/Tfe.Cdk.Constructs.$version.snupkg" ]] || fail "no symbol package (.snupkg)"

# 2. What the package holds.
listing="$(unzip -l "$nupkg")"
has() { grep -q " $1\$" <<<"$listing"; }
has README.md || fail "README.md is not in the package (PackageReadmeFile)"
# The gallery resolves no link relative to the repository: the packed copy must carry absolute ones (Directory.Build.targets).
relative="$(unzip -p "$nupkg" README.md | grep -oE '\]\((\.?/)?[A-Za-z0-9_./-]+(#[^)]*)?\)' | grep -vE '\]\((https?:|#|mailto:)' || true)"
[[ -z "$relative" ]] || fail "the packed README has relative links: $(tr '\n' ' ' <<<"$relative")"
has LICENSE || fail "LICENSE is not in the package"
[[ "$(unzip -p "$nupkg" LICENSE)" == *"Apache License"*"Version 2.0, January 2004"* ]] || fail "the packed LICENSE is not the Apache License 2.0 text (empty?)"
has lib/net10.0/Tfe.Cdk.Constructs.dll || fail "lib/net10.0/Tfe.Cdk.Constructs.dll is not in the package"
has lib/net10.0/Tfe.Cdk.Constructs.xml || fail "the XML docs (lib/net10.0/Tfe.Cdk.Constructs.xml) are not in the package (GenerateDocumentationFile)"
grep -q 'name="T:Tfe.Cdk.Constructs.TfeStandalone"' < <(unzip -p "$nupkg" lib/net10.0/Tfe.Cdk.Constructs.xml) \
  || fail "the XML docs do not document Tfe.Cdk.Constructs.TfeStandalone"
nuspec="$(unzip -p "$nupkg" Tfe.Cdk.Constructs.nuspec)"
for element in '<tags>' '<license type="expression">' '<readme>README.md</readme>' '<description>'; do
  grep -qF "$element" <<<"$nuspec" || fail "the nuspec has no $element"
done
grep -qF "<dependency id=\"Amazon.CDK.Lib\" version=\"$cdk_version\"" <<<"$nuspec" || fail "the nuspec does not depend on Amazon.CDK.Lib $cdk_version"

# Source Link: the nuspec names the repository and commit, the .snupkg holds the .pdb, and the .pdb maps the
# sources to that commit (the Source Link JSON is stored as plain text in a portable .pdb). `grep -q` reads from
# `< <(...)`, not a pipe: with pipefail, a grep that stops early would fail the pipe.
repository="$(grep -o '<repository [^>]*>' <<<"$nuspec" || true)"
commit="$(sed -n 's/.* commit="\([0-9a-f]\{40\}\)".*/\1/p' <<<"$repository")"
repository_url="$(sed -n 's/.* url="\([^"]*\)".*/\1/p' <<<"$repository")"
[[ -n "$commit" && -n "$repository_url" ]] || fail "Source Link: the nuspec has no <repository url=... commit=...> (got: ${repository:-nothing})"
snupkg="$out/Tfe.Cdk.Constructs.$version.snupkg"
grep -q ' lib/net10.0/Tfe.Cdk.Constructs.pdb$' <<<"$(unzip -l "$snupkg")" || fail "Source Link: the .snupkg has no lib/net10.0/Tfe.Cdk.Constructs.pdb"
raw="https://raw.githubusercontent.com/${repository_url#https://github.com/}/$commit/*"
grep -aqF "\"$raw\"" < <(unzip -p "$snupkg" lib/net10.0/Tfe.Cdk.Constructs.pdb) \
  || fail "Source Link: the .pdb does not map the sources to $raw (is the Source Link JSON empty?)"
echo "pack-smoke: packed Tfe.Cdk.Constructs $version ($(du -k "$nupkg" | cut -f1) KiB) with README (absolute links), LICENSE (Apache-2.0)," \
  "XML docs, symbols; Source Link to $repository_url at ${commit:0:12}"

# 3. A consumer app in a temporary folder, restoring the library from the local package folder and everything else
# (Amazon.CDK.Lib, Constructs) from the package sources this machine already has configured: the nuget.config only
# adds a source; it clears none and names no other feed.
app="$(mktemp -d)"
trap 'rm -rf "$app"' EXIT
# A package of the same version restored earlier would be taken from the global cache instead of the new one.
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/tfe.cdk.constructs/$version"

cat >"$app/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="tfe-cdk-local" value="$out" />
  </packageSources>
</configuration>
EOF
cat >"$app/Consumer.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Tfe.Cdk.Constructs" Version="$version" />
    <PackageReference Include="Amazon.CDK.Lib" Version="$cdk_version" />
    <PackageReference Include="Constructs" Version="$constructs_version" />
  </ItemGroup>
</Project>
EOF
# The consumer commits its context like the repo does (docs/versions.md): the AZs and the node image looked up once
# and cached, for both regions the DR pair below uses.
for region in us-east-1 us-west-2; do
  key="ssm:account=123456789012:parameterName=/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64:region=$region"
  grep -q "\"$key\"" cdk.context.json || fail "cdk.context.json has no cached node image for $region ($key)"
done
cp cdk.context.json "$app/cdk.context.json"
image_id="$(python3 -c 'import json, sys; print(json.load(open("cdk.context.json"))[sys.argv[1]])' \
  "ssm:account=123456789012:parameterName=/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64:region=us-east-1")"

# The public API the README shows: a Standalone deployment; then, in the same app (one synth), a cold DR pair for a
# second Standalone (TfeDrStorage -> primary -> TfeDrRegion), the multi-region API docs/disaster-recovery.md shows.
cat >"$app/Program.cs" <<'EOF'
using Amazon.CDK; using Amazon.CDK.AWS.SecretsManager; using Amazon.CDK.AWS.CertificateManager; using Tfe.Cdk.Constructs;
var app = new App();
Amazon.CDK.Environment Env(string region) => new() { Account = "123456789012", Region = region };
TfeStandaloneProps Props(Stack s) => new() {
    Hostname = "tfe.example.com",
    License = Secret.FromSecretNameV2(s, "License", "tfe/license"),
    LoadBalancerCertificate = Certificate.FromCertificateArn(s, "Cert", $"arn:aws:acm:{s.Region}:123456789012:certificate/00000000-0000-0000-0000-000000000000"),
};
var stack = new Stack(app, "Consumer", new StackProps { Env = Env("us-east-1") });
new TfeStandalone(stack, "Tfe", Props(stack));

var dr = new TfeDisasterRecovery { NamePrefix = "consumer", PrimaryRegion = "us-east-1", DrRegion = "us-west-2", StandbyMode = TfeStandbyMode.Cold };
var storageStack = new Stack(app, "ConsumerDrStorage", new StackProps { Env = Env("us-west-2") });
var storage = new TfeDrStorage(storageStack, "Storage", new TfeDrStorageProps { DisasterRecovery = dr });
var primaryStack = new Stack(app, "ConsumerPrimary", new StackProps { Env = Env("us-east-1") });
var primary = new TfeStandalone(primaryStack, "Tfe", Props(primaryStack) with { NamePrefix = "consumer", DisasterRecovery = dr });
var drStack = new Stack(app, "ConsumerDr", new StackProps { Env = Env("us-west-2") });
var drProps = Props(drStack);
new TfeDrRegion(drStack, "Tfe", new TfeDrRegionProps {
    DisasterRecovery = dr, Storage = storage, Primary = primary,
    Hostname = drProps.Hostname, License = drProps.License, LoadBalancerCertificate = drProps.LoadBalancerCertificate,
});
app.Synth();
EOF

(
  cd "$app"
  dotnet build -c Release --nologo -v quiet -p:TreatWarningsAsErrors=false >build.log 2>&1 || { cat build.log; exit 1; }
  # `dotnet run` is not the CDK CLI, so cdk.context.json is not read for us: pass it the way the CLI does.
  CDK_CONTEXT_JSON="$(cat cdk.context.json)" CDK_OUTDIR="$app/cdk.out" dotnet bin/Release/net10.0/Consumer.dll
) || fail "the consumer app did not build or synthesize"

template="$app/cdk.out/Consumer.template.json"
[[ -f "$template" ]] || fail "no $template"
# The resource types of the template, one line per resource.
types="$(python3 -c 'import json, sys; print("\n".join(r["Type"] for r in json.load(open(sys.argv[1]))["Resources"].values()))' "$template")" \
  || fail "$template is not a CloudFormation template"
count() { grep -cxF "$1" <<<"$types" || true; }
for type in AWS::AutoScaling::AutoScalingGroup AWS::RDS::DBInstance AWS::EC2::LaunchTemplate; do
  [[ "$(count "$type")" -gt 0 ]] || fail "$template has no $type"
done
[[ "$(count AWS::AutoScaling::LaunchConfiguration)" -eq 0 ]] || fail "$template has an AWS::AutoScaling::LaunchConfiguration (launch templates only)"
grep -q '"us-east-1a"' "$template" || fail "the availability zones from cdk.context.json were not used"
grep -q "\"ImageId\": \"$image_id\"" "$template" || fail "the node image cached in cdk.context.json ($image_id) was not used"
resources="$(wc -l <<<"$types")"
# The DR pair: three templates, deployed in order by the manifest's dependencies, no custom resource or Lambda.
for name in ConsumerDrStorage ConsumerPrimary ConsumerDr; do
  [[ -f "$app/cdk.out/$name.template.json" ]] || fail "no $name.template.json (TfeDrStorage / DisasterRecovery / TfeDrRegion)"
  ! grep -qE '"Type": *"(Custom::|AWS::Lambda::)' "$app/cdk.out/$name.template.json" || fail "$name has a custom resource or a Lambda function"
done
python3 -c 'import json, sys; a = json.load(open(sys.argv[1]))["artifacts"]; sys.exit(0 if "ConsumerPrimary" in a["ConsumerDr"].get("dependencies", []) and "ConsumerDrStorage" in a["ConsumerPrimary"].get("dependencies", []) else 1)' \
  "$app/cdk.out/manifest.json" || fail "the DR stacks do not depend on each other in the order storage -> primary -> DR"
echo "pack-smoke: OK: a consumer app restored Tfe.Cdk.Constructs $version from the package and synthesized TfeStandalone:" \
  "$resources resources, with AWS::AutoScaling::AutoScalingGroup, AWS::RDS::DBInstance, AWS::EC2::LaunchTemplate," \
  "no AWS::AutoScaling::LaunchConfiguration; and a cold DR pair in three ordered stacks with no custom resource"
