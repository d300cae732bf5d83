using System.Runtime.Versioning;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// What a run container can reach (issue 18 item 2; docs/node-lifecycle.md, "What a run can reach"): every rule of the
/// firewall the boot applied, walked packet by packet through the rules the fake iptables holds afterwards.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(SandboxCollection.Name)]
public sealed class RunConfinementTests : IClassFixture<RunConfinementTests.BootedActiveActive>
{
    private readonly BootedActiveActive _node;

    public RunConfinementTests(BootedActiveActive node) => _node = node;

    /// <summary>
    /// The shared Active/Active boot (Redis, Vault cluster port; <see cref="HealthyBoots"/>) read once for the walks: its
    /// rules do not change between them. Read on first use, so a machine without the sandbox's tools skips the tests
    /// instead of failing the fixture.
    /// </summary>
    public sealed class BootedActiveActive
    {
        private readonly Lazy<(RunFirewall Ipv4, RunFirewall Ipv6)> _rules = new(() =>
        {
            var run = HealthyBoots.Of(NodeVariant.ActiveActive).Run;
            return (RunFirewall.Read(run), RunFirewall.Read(run, "ip6tables"));
        });

        internal RunFirewall Ipv4 => _rules.Value.Ipv4;

        internal RunFirewall Ipv6 => _rules.Value.Ipv6;
    }

    [SandboxTheory]
    [InlineData("169.254.169.254", "tcp", 80, "instance metadata (the node role's credentials)")]
    [InlineData("10.0.64.10", "tcp", 5432, "PostgreSQL in the data subnets")]
    [InlineData("10.0.65.20", "tcp", 6379, "Redis in the data subnets")]
    [InlineData("10.0.16.30", "tcp", 8201, "a peer's Vault cluster port")]
    public void A_Run_Cannot_Reach(string destination, string protocol, int port, string what)
    {
        Assert.True(RunFirewall.Verdict.Drop == _node.Ipv4.Evaluate("FORWARD", "tfe-runs", destination, protocol, port),
            $"{what} ({destination}:{port}) is reachable from the run network\n{string.Join('\n', _node.Ipv4.Rules)}");
    }

    [SandboxTheory]
    [InlineData("140.82.112.3", "tcp", 443, "the internet (a VCS, a registry, a provider's API)")]
    [InlineData("10.0.0.2", "udp", 53, "the VPC's DNS resolver")]
    [InlineData("10.0.0.2", "tcp", 53, "the VPC's DNS resolver over TCP")]
    [InlineData("10.0.16.40", "tcp", 443, "an interface endpoint or a proxy in the VPC")]
    [InlineData("10.0.16.41", "tcp", 3128, "a proxy in the VPC")]
    [InlineData("172.16.8.8", "tcp", 5432, "a database outside the VPC (the postgresql provider)")]
    public void A_Run_Still_Reaches(string destination, string protocol, int port, string what)
    {
        Assert.True(RunFirewall.Verdict.Docker == _node.Ipv4.Evaluate("FORWARD", "tfe-runs", destination, protocol, port),
            $"{what} ({destination}:{port}) is blocked for the run network\n{string.Join('\n', _node.Ipv4.Rules)}");
    }

    [SandboxTheory]
    [InlineData("tcp", 22, "Drop")]
    [InlineData("tcp", 8201, "Drop")]
    [InlineData("tcp", 9443, "Drop")]
    [InlineData("tcp", 2375, "Drop")]
    [InlineData("tcp", 443, "Docker")]
    [InlineData("udp", 53, "Docker")]
    public void To_The_Node_Itself_A_Run_Reaches_Only_Tfe_And_Dns(string protocol, int port, string verdict)
    {
        var expected = Enum.Parse<RunFirewall.Verdict>(verdict);
        // Through the bridge gateway (172.17.1.1) or the node's own address: both are INPUT. 443 is TFE through the hostname,
        // which run containers resolve to this node (TFE_RUN_PIPELINE_DOCKER_EXTRA_HOSTS).
        Assert.Equal(expected, _node.Ipv4.Evaluate("INPUT", "tfe-runs", "172.17.1.1", protocol, port));
        Assert.Equal(expected, _node.Ipv4.Evaluate("INPUT", "tfe-runs", "10.0.16.5", protocol, port));
        // Other interfaces (the TFE container on docker0, the VPC on ens5) are not touched.
        Assert.Equal(RunFirewall.Verdict.Docker, _node.Ipv4.Evaluate("INPUT", "ens5", "10.0.16.5", protocol, port));
    }

    [SandboxFact]
    public void Over_Ipv6_A_Run_Reaches_Nothing_Through_The_Node_And_Only_Tfe_On_It()
    {
        Assert.Equal(RunFirewall.Verdict.Drop, _node.Ipv6.Evaluate("FORWARD", "tfe-runs", "fd00:ec2::254", "tcp", 80));
        Assert.Equal(RunFirewall.Verdict.Drop, _node.Ipv6.Evaluate("FORWARD", "tfe-runs", "2606:4700::1111", "tcp", 443));
        Assert.Equal(RunFirewall.Verdict.Drop, _node.Ipv6.Evaluate("INPUT", "tfe-runs", "fe80::1", "tcp", 22));
        Assert.Equal(RunFirewall.Verdict.Docker, _node.Ipv6.Evaluate("FORWARD", "ens5", "2606:4700::1111", "tcp", 443));
    }

    [SandboxFact]
    public void The_Rules_Are_Exactly_These_In_This_Order()
    {
        Assert.Equal(
        [
            "-d 169.254.169.254/32 -j DROP",
            "-p udp --dport 53 -j RETURN",
            "-p tcp --dport 53 -j RETURN",
            "-d 10.0.0.0/16 -p tcp --dport 5432 -j DROP",
            "-d 10.0.0.0/16 -p tcp --dport 6379 -j DROP",
            "-d 10.0.0.0/16 -p tcp --dport 8201 -j DROP",
        ], _node.Ipv4.Chain("TFE-RUNS-FORWARD"));
        Assert.Equal(
        [
            "-m conntrack --ctstate ESTABLISHED,RELATED -j RETURN",
            "-p tcp --dport 443 -j RETURN",
            "-p udp --dport 53 -j RETURN",
            "-p tcp --dport 53 -j RETURN",
            "-j DROP",
        ], _node.Ipv4.Chain("TFE-RUNS-INPUT"));
        Assert.Equal(["-i tfe-runs -j TFE-RUNS-FORWARD"], _node.Ipv4.Chain("DOCKER-USER"));
        Assert.Equal(["-j DOCKER-USER"], _node.Ipv4.Chain("FORWARD"));
        Assert.Equal(["-i tfe-runs -j TFE-RUNS-INPUT"], _node.Ipv4.Chain("INPUT"));
        Assert.Equal(["-d fd00:ec2::254/128 -j DROP", "-j DROP"], _node.Ipv6.Chain("TFE-RUNS-FORWARD"));
    }
}
