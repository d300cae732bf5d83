#!/usr/bin/env python3
"""Draw an architecture diagram of every synthesized sample, from its CloudFormation templates.

For each cloud assembly cdk.out/<Sample>/ (every sample CI synthesizes, so a new sample is picked up by itself) this
writes docs/diagrams/<Sample>.dot, a Graphviz graph built from the templates only, and docs/diagrams/<Sample>.svg,
rendered from it by `dot`. The graph groups what the stack defines by region, VPC, subnet tier and Availability Zone,
and draws the paths traffic takes (users -> load balancer -> nodes -> database, cache and buckets), with the ports the
security groups open. Nothing in it comes from a sample's C# code: a change to the constructs shows up here.

    python3 tools/diagrams.py [--check] [cdk.out]

--check writes nothing: it fails when a committed .dot differs from the one the templates give, when an .svg was not
rendered from its committed .dot (each .svg records the SHA-256 of its source), or when a sample has no diagram or a
diagram has no sample. Only the .dot is compared byte for byte, so another Graphviz version does not fail the check.
"""
import hashlib
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DIAGRAMS = ROOT / "docs" / "diagrams"
STAMP = "<!-- tools/diagrams.py: rendered from {name}.dot, sha256 {digest} -->"

# Colours by role, kept few so the picture reads at a glance.
FILL = {"edge": "#fff4e5", "node": "#e8f1fb", "data": "#eaf6ec", "service": "#f3f3f3", "outside": "#ffffff"}
TIER = [("Public", "Public subnets", "#f7fbff"), ("Private", "Private subnets (egress through NAT)", "#f5f9f5"),
        ("Isolated", "Isolated data subnets (no route out)", "#fbf8f3")]


def ref(value):
    """The logical id a Ref or Fn::GetAtt points at, else None."""
    if isinstance(value, dict):
        if "Ref" in value:
            return value["Ref"]
        if "Fn::GetAtt" in value:
            return value["Fn::GetAtt"][0]
    return None


def refs(values):
    return [r for r in (ref(v) for v in values or []) if r]


def tag(props, key):
    return next((t["Value"] for t in props.get("Tags", []) if t.get("Key") == key), None)


def esc(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class Stack:
    """What a diagram needs from one template."""

    def __init__(self, name, region, template):
        self.name, self.region = name, region
        self.res = template.get("Resources", {})
        self.of = lambda t: sorted(k for k, v in self.res.items() if v["Type"] == t)
        self.props = lambda k: self.res[k].get("Properties", {})

    def subnets(self):
        """{logical id: (tier, az, cidr)} for the subnets of the stack's VPCs, in template order."""
        out = {}
        for k in self.of("AWS::EC2::Subnet"):
            p = self.props(k)
            az = p.get("AvailabilityZone")
            if not isinstance(az, str):  # an environment-agnostic stack: Fn::Select over Fn::GetAZs
                az = f"AZ {(az or {}).get('Fn::Select', [0])[0] + 1}" if isinstance(az, dict) else "AZ ?"
            out[k] = (tag(p, "aws-cdk:subnet-type") or "Private", az, p.get("CidrBlock", ""))
        return out

    def security_groups(self):
        """{security group logical id: component key} for the groups the diagram's components use."""
        owner = {}
        for lb in self.of("AWS::ElasticLoadBalancingV2::LoadBalancer") + self.of("AWS::ElasticLoadBalancing::LoadBalancer"):
            for sg in refs(self.props(lb).get("SecurityGroups")):
                owner[sg] = "lb"
        for lt in self.of("AWS::EC2::LaunchTemplate"):
            for sg in refs(self.props(lt).get("LaunchTemplateData", {}).get("SecurityGroupIds")):
                owner[sg] = "nodes"
        for db in self.of("AWS::RDS::DBInstance"):
            for sg in refs(self.props(db).get("VPCSecurityGroups")):
                owner[sg] = "db"
        for rg in self.of("AWS::ElastiCache::ReplicationGroup"):
            for sg in refs(self.props(rg).get("SecurityGroupIds")):
                owner[sg] = "redis"
        return owner

    def flows(self):
        """{(source, target): sorted ports} from the security group rules between components."""
        owner, found = self.security_groups(), {}

        def port(value):
            target = ref(value)
            if target in self.res and self.res[target]["Type"] == "AWS::RDS::DBInstance":
                return str(self.props(target).get("Port", 5432))
            return str(value)

        rules = [self.props(k) for k in self.of("AWS::EC2::SecurityGroupIngress")]
        for sg in self.of("AWS::EC2::SecurityGroup"):
            rules += [dict(r, GroupId={"Ref": sg}) for r in self.props(sg).get("SecurityGroupIngress", [])]
        for rule in rules:
            source, target = owner.get(ref(rule.get("SourceSecurityGroupId"))), owner.get(ref(rule.get("GroupId")))
            if source and target:
                found.setdefault((source, target), set()).add(port(rule.get("FromPort")))
        return {k: sorted(v, key=lambda p: (len(p), p)) for k, v in sorted(found.items())}


class Graph:
    def __init__(self):
        self.lines = []

    def add(self, line, indent=1):
        self.lines.append("  " * indent + line)

    def node(self, key, title, lines=(), fill=FILL["service"], shape="box", indent=2, style="rounded,filled"):
        body = f"<B>{esc(title)}</B>" + "".join(f'<BR/><FONT POINT-SIZE="10">{esc(x)}</FONT>' for x in lines if x)
        self.add(f'{key} [label=<{body}>, shape={shape}, style="{style}", fillcolor="{fill}"];', indent)

    def edge(self, a, b, label="", **attrs):
        extra = "".join(f", {k}={v}" for k, v in sorted(attrs.items()))
        text = f'label=" {esc(label)} "' if label else 'label=""'
        self.add(f"{a} -> {b} [{text}{extra}];")


def draw_stack(g, s, i):
    """One cluster per stack (one region); returns the keys other stacks' edges may point at."""
    p = f"s{i}_"
    subnets = s.subnets()
    azs = sorted({az for _, az, _ in subnets.values()})
    flows = s.flows()
    keys = {}

    g.add(f"subgraph cluster_{p}region {{")
    g.add(f'label=<<B>AWS {esc(s.region)}</B>  ·  stack {esc(s.name)}>; style="rounded"; color="#7a7a7a"; fontsize=14;', 2)

    # Load balancer and its listeners.
    lbs = s.of("AWS::ElasticLoadBalancingV2::LoadBalancer") + s.of("AWS::ElasticLoadBalancing::LoadBalancer")
    lb = lbs[0] if lbs else None
    lb_tier = None
    if lb:
        lp = s.props(lb)
        kind = {"network": "Network", "application": "Application"}.get(lp.get("Type", "application"), "Application")
        if s.res[lb]["Type"] == "AWS::ElasticLoadBalancing::LoadBalancer":
            kind = "Classic"
            listeners = [f"{x.get('Protocol', '').upper()} {x.get('LoadBalancerPort')}" for x in lp.get("Listeners", [])]
        else:
            listeners = sorted(f"{s.props(k).get('Protocol')} {s.props(k).get('Port')}"
                               for k in s.of("AWS::ElasticLoadBalancingV2::Listener")
                               if ref(s.props(k).get("LoadBalancerArn")) == lb)
        scheme = lp.get("Scheme", "internet-facing")
        lb_tier = subnets.get((refs(lp.get("Subnets")) or [None])[0], ("Public",))[0]
        keys["lb"] = (f"{p}lb", [f"{kind} Load Balancer, {scheme}", "listeners: " + ", ".join(listeners)])

    # Nodes: the Auto Scaling group, its size and its launch template.
    asg = (s.of("AWS::AutoScaling::AutoScalingGroup") or [None])[0]
    node_count, node_lines, node_tier = 0, [], "Private"
    if asg:
        ap = s.props(asg)
        node_count = int(ap.get("MaxSize", 0))
        lt = ref(ap.get("LaunchTemplate", {}).get("LaunchTemplateId"))
        ltd = s.props(lt).get("LaunchTemplateData", {}) if lt in s.res else {}
        disk = next((b["Ebs"].get("VolumeSize") for b in ltd.get("BlockDeviceMappings", []) if "Ebs" in b), None)
        hooks = [k for k in s.of("AWS::AutoScaling::LifecycleHook") if s.props(k).get("AutoScalingGroupName", {}).get("Ref") == asg]
        node_lines = [f"{ltd.get('InstanceType', '?')}, {disk} GiB gp3, IMDSv2" if disk else ltd.get("InstanceType"),
                      f"Auto Scaling group: min = max = {ap.get('MinSize')}",
                      "drained by a lifecycle hook" if hooks else None]
        node_subnets = refs(ap.get("VPCZoneIdentifier"))
        node_tier = subnets.get(node_subnets[0], ("Private",))[0] if node_subnets else "Private"

    db = (s.of("AWS::RDS::DBInstance") or [None])[0]
    redis = (s.of("AWS::ElastiCache::ReplicationGroup") or [None])[0]

    vpc = (s.of("AWS::EC2::VPC") or [None])[0]
    if vpc:
        g.add(f"subgraph cluster_{p}vpc {{", 2)
        g.add(f'label=<<B>VPC {esc(s.props(vpc).get("CidrBlock", ""))}</B>  ·  {len(azs)} Availability Zones>; '
              f'style="rounded"; color="#4a7ab5"; fontsize=12;', 3)
        nats = {ref(s.props(k).get("SubnetId")): k for k in s.of("AWS::EC2::NatGateway")}
        for tier, title, colour in TIER:
            members = sorted((az, cidr, k) for k, (t, az, cidr) in subnets.items() if t == tier)
            if not members:
                continue
            g.add(f"subgraph cluster_{p}{tier} {{", 3)
            cidrs = ", ".join(cidr for _, cidr, _ in members)
            g.add(f'label=<{esc(title)}<BR/><FONT POINT-SIZE="9">{esc(cidrs)}</FONT>>; style="rounded,filled"; '
                  f'fillcolor="{colour}"; color="#b0b0b0"; fontsize=11;', 4)
            if lb and lb_tier == tier:
                g.node(keys["lb"][0], "Load balancer", keys["lb"][1], FILL["edge"], indent=4)
            if asg and node_tier == tier:
                g.add(f"subgraph cluster_{p}asg {{", 4)
                g.add(f'label=<<B>TFE nodes</B><BR/><FONT POINT-SIZE="10">{"<BR/>".join(esc(x) for x in node_lines if x)}</FONT>>; '
                      f'style="rounded,dashed"; color="#4a7ab5"; fontsize=11;', 5)
                for n, az in enumerate(azs):
                    running = sum(1 for j in range(node_count) if j % len(azs) == n)
                    if running:
                        g.node(f"{p}node{n}", f"TFE node{'s' if running > 1 else ''} · {az}",
                               [f"{running} × terraform-enterprise container" if running > 1 else "terraform-enterprise container"],
                               FILL["node"], indent=5)
                    else:
                        g.node(f"{p}node{n}", f"{az}", ["no node: the group launches", "a replacement here on failure"],
                               "#ffffff", indent=5, style="rounded,dashed")
                row = [f"{p}node{n}" for n in range(len(azs))]
                g.add(f"{{ rank=same; {' -> '.join(row)} [style=invis]; }}", 5)  # AZs left to right
                g.add("}", 4)
            if tier == "Isolated":
                if db:
                    dp = s.props(db)
                    g.node(f"{p}db", "RDS for PostgreSQL",
                           [f"{dp.get('EngineVersion', '')} · {dp.get('DBInstanceClass', '')}",
                            "Multi-AZ: primary + synchronous standby" if dp.get("MultiAZ") else "single AZ",
                            f"backups {dp.get('BackupRetentionPeriod', 0)} days, encrypted (KMS)"], FILL["data"], shape="cylinder",
                           indent=4, style="filled")
                if redis:
                    rp = s.props(redis)
                    g.node(f"{p}redis", "ElastiCache for Redis",
                           [f"{rp.get('EngineVersion', '')} · {rp.get('CacheNodeType', '')} × {rp.get('NumCacheClusters', 1)}",
                            "one node group, Multi-AZ, automatic failover" if rp.get("AutomaticFailoverEnabled") else "single node",
                            "TLS + AUTH, encrypted (KMS)" if rp.get("TransitEncryptionEnabled") else None], FILL["data"],
                           shape="cylinder", indent=4, style="filled")
            if tier == "Public":
                for az, cidr, k in members:
                    if k in nats:
                        g.node(f"{p}nat_{az.replace('-', '_').replace(' ', '_')}", f"NAT gateway · {az}", [cidr], FILL["edge"], indent=4)
            g.add("}", 3)
        endpoints = s.of("AWS::EC2::VPCEndpoint")
        gateway = [k for k in endpoints if s.props(k).get("VpcEndpointType", "Gateway") == "Gateway"]
        interface = len(endpoints) - len(gateway)
        if gateway:
            g.node(f"{p}s3ep", "S3 gateway endpoint", ["route-table entry, no internet"], FILL["service"], indent=3)
        if interface:
            g.node(f"{p}ifep", f"{interface} interface endpoints", ["AWS APIs without NAT"], FILL["service"], indent=3)
        g.add("}", 2)

    # Regional services outside the VPC.
    buckets = s.of("AWS::S3::Bucket")
    replicated_to = {}
    for b in buckets:
        for rule in s.props(b).get("ReplicationConfiguration", {}).get("Rules", []):
            dest = rule.get("Destination", {})
            replicated_to[b] = (ref(dest.get("Bucket")), dest.get("StorageClass", "STANDARD"))
    log_targets = {ref(s.props(b).get("LoggingConfiguration", {}).get("DestinationBucketName")) for b in buckets} - {None}
    role = {}
    for b in buckets:
        if b in replicated_to:
            role[b] = "application"
        elif any(t == b for t, _ in replicated_to.values()):
            role[b] = "backup"
        elif b in log_targets:
            role[b] = "logs"
        else:
            role[b] = "other"
    g.add(f"subgraph cluster_{p}services {{", 2)
    g.add('label="Regional services"; style="rounded,dashed"; color="#b0b0b0"; fontsize=11;', 3)
    titles = {"application": ("S3 application bucket", ["versioned, SSE-KMS, TLS only"]),
              "backup": ("S3 backup bucket", ["replica, versioned, SSE-KMS"]),
              "logs": ("S3 access-logs bucket", ["S3 and load balancer logs"]),
              "other": ("S3 bucket", [])}
    for n, b in enumerate(sorted(buckets, key=lambda b: (list(titles).index(role[b]), b))):
        keys[f"bucket_{role[b]}"] = keys.get(f"bucket_{role[b]}", f"{p}bucket{n}")
        g.node(f"{p}bucket{n}", *titles[role[b]], FILL["data"], shape="folder", indent=3, style="filled")
    secrets = len(s.of("AWS::SecretsManager::Secret"))
    keys_kms = len(s.of("AWS::KMS::Key"))
    g.node(f"{p}secrets", "Secrets Manager + KMS",
           [f"{secrets} secrets, {keys_kms} customer key{'s' if keys_kms != 1 else ''}", "read by the nodes at boot"], FILL["service"], indent=3)
    alarms = len(s.of("AWS::CloudWatch::Alarm"))
    logs = len(s.of("AWS::Logs::LogGroup"))
    g.node(f"{p}watch", "CloudWatch", [f"{alarms} alarms, {logs} log groups"], FILL["service"], indent=3)
    records = s.of("AWS::Route53::RecordSet")
    if records:
        failover = sorted({s.props(k).get("Failover") for k in records} - {None})
        g.node(f"{p}dns", "Route 53 record", [("failover: " + ", ".join(failover).lower()) if failover else "alias to the load balancer"],
               FILL["service"], indent=3)
    g.add("}", 2)
    g.add("}")

    # Paths.
    if lb and asg:
        ports = flows.get(("lb", "nodes"), ["443"])
        g.edge(keys["lb"][0], f"{p}node0", "HTTPS " + "/".join(ports), lhead=f"cluster_{p}asg", color='"#d9822b"', penwidth=2)
    into_nodes = f"{p}node0"
    if db and asg:
        g.edge(into_nodes, f"{p}db", "PostgreSQL " + "/".join(flows.get(("nodes", "db"), ["5432"])) + ", TLS",
               ltail=f"cluster_{p}asg", color='"#3b8c4a"', penwidth=2)
    if redis and asg:
        g.edge(into_nodes, f"{p}redis", "Redis " + "/".join(flows.get(("nodes", "redis"), ["6379"])) + ", TLS",
               ltail=f"cluster_{p}asg", color='"#3b8c4a"', penwidth=2)
    if ("nodes", "nodes") in flows and node_count > 1:
        running = [f"{p}node{n}" for n in range(min(node_count, len(azs)))]
        for a, b in zip(running, running[1:]):
            g.edge(a, b, "Vault cluster " + "/".join(flows[("nodes", "nodes")]), dir="both", style="dashed",
                   color='"#4a7ab5"', constraint="false")
    app_bucket = keys.get("bucket_application")
    if asg and app_bucket:
        via = f"{p}s3ep" if s.of("AWS::EC2::VPCEndpoint") else None
        if via:
            g.edge(into_nodes, via, "objects", ltail=f"cluster_{p}asg", color='"#3b8c4a"')
            g.edge(via, app_bucket, "", color='"#3b8c4a"')
        else:
            g.edge(into_nodes, app_bucket, "objects", ltail=f"cluster_{p}asg", color='"#3b8c4a"')
    for b, (dest, storage) in sorted(replicated_to.items()):
        if dest in role and keys.get("bucket_backup"):
            g.edge(app_bucket, keys["bucket_backup"], f"replication, {storage.replace('_', '-').title().replace('Standard-Ia', 'Standard-IA')}",
                   style="dashed", color='"#3b8c4a"')
    if asg:
        g.edge(into_nodes, f"{p}secrets", "secrets at boot", ltail=f"cluster_{p}asg", color='"#7a7a7a"', style="dashed")
        g.edge(into_nodes, f"{p}watch", "logs", ltail=f"cluster_{p}asg", color='"#7a7a7a"', style="dashed")
    if lb and keys.get("bucket_logs") and any(a.get("Key") == "access_logs.s3.enabled" and a.get("Value") == "true"
                                             for a in s.props(lb).get("LoadBalancerAttributes", [])):
        g.edge(keys["lb"][0], keys["bucket_logs"], "access logs", color='"#7a7a7a"', style="dashed")
    nat_keys = sorted(f"{p}nat_{az.replace('-', '_').replace(' ', '_')}" for k, (t, az, _) in subnets.items()
                      if t == "Public" and k in {ref(s.props(n).get("SubnetId")) for n in s.of("AWS::EC2::NatGateway")})
    return {"lb": keys.get("lb", (None,))[0], "nodes": into_nodes if asg else None, "nat": nat_keys,
            "scheme": s.props(lb).get("Scheme", "internet-facing") if lb else None, "dns": f"{p}dns" if records else None,
            "asg": f"cluster_{p}asg" if asg else None, "db": f"{p}db" if db else None, "bucket": app_bucket}


def build(assembly):
    """The .dot text of one cloud assembly (one sample)."""
    manifest = json.loads((assembly / "manifest.json").read_text())
    stacks = []
    for name, artifact in sorted(manifest.get("artifacts", {}).items()):
        if artifact.get("type") != "aws:cloudformation:stack":
            continue
        region = artifact.get("environment", "aws://unknown/unknown").rsplit("/", 1)[-1]
        template = json.loads((assembly / artifact["properties"]["templateFile"]).read_text())
        stacks.append(Stack(artifact.get("displayName", name), region, template))
    g = Graph()
    g.add(f"// {assembly.name}: generated by tools/diagrams.py from the templates of cdk.out/{assembly.name}. Do not edit.", 0)
    g.add(f'digraph "{assembly.name}" {{', 0)
    g.add('graph [rankdir=TB, compound=true, newrank=true, nodesep=0.35, ranksep=0.5, fontname="Helvetica", '
          f'label=<<B>{esc(assembly.name)}</B>: what the sample deploys (from its synthesized templates)>, labelloc=t, fontsize=16];')
    g.add('node [fontname="Helvetica", fontsize=12, margin="0.15,0.06"];')
    g.add('edge [fontname="Helvetica", fontsize=10, color="#555555", fontcolor="#333333"];')
    drawn = [draw_stack(g, s, i) for i, s in enumerate(stacks)]
    internal = all(d["scheme"] == "internal" for d in drawn if d["scheme"])
    g.node("users", "Users, VCS and API clients",
           ["from your network (VPN, Direct Connect, peering)" if internal else "from the internet"], FILL["outside"],
           shape="box", indent=1, style="rounded")
    g.node("internet", "Internet", ["TFE image registry, VCS, providers, AWS APIs"], FILL["outside"], indent=1, style="rounded")
    for d in drawn:
        if d["dns"]:
            g.edge("users", d["dns"], "DNS", style="dashed")
        if d["lb"]:
            g.edge("users", d["lb"], "HTTPS 443 to the hostname", color='"#d9822b"', penwidth=2)
        for nat in d["nat"]:
            g.edge(nat, "internet", "", color='"#7a7a7a"')
        if d["nodes"] and d["nat"]:
            g.edge(d["nodes"], d["nat"][0], "", ltail=d["asg"], color='"#7a7a7a"', headlabel='" 443 / 80 out "',
                   labeldistance="4", labelangle="-30")
    g.add('{ rank=min; users; }')
    g.add('{ rank=max; internet; }')
    g.add("}", 0)
    return "\n".join(g.lines) + "\n"


def render(dot_text, name):
    svg = subprocess.run(["dot", "-Tsvg"], input=dot_text.encode(), capture_output=True, check=True).stdout.decode()
    # Graphviz writes its version in a comment: drop it, and record which source this picture was rendered from.
    svg = re.sub(r"<!-- Generated by graphviz[^>]*-->\n", "", svg)
    digest = hashlib.sha256(dot_text.encode()).hexdigest()
    return svg.replace("<svg ", STAMP.format(name=name, digest=digest) + "\n<svg ", 1)


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if not a.startswith("--")]
    out = pathlib.Path(args[0]) if args else ROOT / "cdk.out"
    assemblies = sorted(p.parent for p in out.glob("*/manifest.json"))
    if not assemblies:
        print(f"diagrams: no synthesized sample under {out}/*/ (synthesize the samples first)")
        return 1
    problems = []
    for assembly in assemblies:
        name = assembly.name
        dot_text = build(assembly)
        dot_file, svg_file = DIAGRAMS / f"{name}.dot", DIAGRAMS / f"{name}.svg"
        if check:
            if not dot_file.exists() or dot_file.read_text() != dot_text:
                problems.append(f"{dot_file.relative_to(ROOT)} is stale or missing")
            digest = hashlib.sha256(dot_text.encode()).hexdigest()
            if not svg_file.exists() or STAMP.format(name=name, digest=digest) not in svg_file.read_text():
                problems.append(f"{svg_file.relative_to(ROOT)} was not rendered from the current {name}.dot")
        else:
            DIAGRAMS.mkdir(parents=True, exist_ok=True)
            dot_file.write_text(dot_text)
            svg_file.write_text(render(dot_text, name))
            print(f"diagrams: {name}: {dot_file.relative_to(ROOT)}, {svg_file.relative_to(ROOT)}")
    names = {a.name for a in assemblies}
    for orphan in sorted(p for p in DIAGRAMS.glob("*.dot") if p.stem not in names):
        problems.append(f"{orphan.relative_to(ROOT)} has no synthesized sample")
    if problems:
        print("diagrams: " + "; ".join(problems) + ". Run: python3 tools/diagrams.py (after synthesizing every sample)")
        return 1
    if check:
        print(f"diagrams: {len(assemblies)} sample(s), every committed diagram matches its templates")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
