using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.AppTier;

/// <summary>
/// Docker's address range on the nodes (NET-1, issue 15 item 6): chosen outside the VPC and the ranges the nodes must
/// reach, or refused when the user's choice overlaps them. Plain values: no jsii, no synth.
/// </summary>
public sealed class DockerAddressValidationTests
{
    private const string Vpc = "10.0.0.0/16";

    private static (string? Range, RuleCheck Check) Choose(string? requested = null, IReadOnlyList<string>? reachable = null, string? vpc = Vpc)
    {
        var check = new RuleCheck();
        return (TfeDockerAddresses.Choose(check, requested, reachable, vpc), check);
    }

    [Theory]
    [Trait("Rule", "NET-1")]
    [InlineData(Vpc, null, "172.17.0.0/16")]                                  // Docker's own default bridge range
    [InlineData("172.17.0.0/16", null, "172.18.0.0/16")]                       // a VPC on Docker's default range
    [InlineData("172.16.0.0/12", null, "100.64.0.0/16")]                       // a VPC over all of 172.16/12
    [InlineData(Vpc, "172.16.0.0/14", "172.20.0.0/16")]                        // a corporate network over 172.16-172.19
    [InlineData(null, "172.17.5.0/24", "172.18.0.0/16")]                       // VPC range unknown at synth: only the reachable ranges count
    public void Chooses_The_First_Range_Outside_The_Vpc_And_The_Reachable_Ranges_NET_1(string? vpc, string? reachable, string expected)
    {
        var (range, check) = Choose(reachable: reachable is null ? null : [reachable], vpc: vpc);

        Assert.Empty(check.Violations);
        Assert.Equal(expected, range);
    }

    [Fact]
    [Trait("Rule", "NET-1")]
    public void Lays_The_Bridge_The_Run_Network_And_The_Pools_Out_Inside_The_Range_NET_1()
    {
        var wide = new TfeNodeNetwork("172.18.0.0/16", [Vpc], ["5432"]);
        Assert.Equal(("172.18.0.1/24", "172.18.1.0/24", "172.18.128.0/17"), (wide.BridgeIp, wide.RunSubnet, wide.Pool));
        var narrow = new TfeNodeNetwork("192.168.16.0/20", [Vpc], ["5432"]);
        Assert.Equal(("192.168.16.1/24", "192.168.17.0/24", "192.168.24.0/21"), (narrow.BridgeIp, narrow.RunSubnet, narrow.Pool));
    }

    [Theory]
    [Trait("Rule", "NET-1")]
    [InlineData("172.17.0.0/15")]
    [InlineData("172.17.0.0/21")]
    [InlineData("172.17.0.1/16")]
    [InlineData("fd00::/16")]
    [InlineData("docker")]
    [InlineData("")]
    public void Refuses_A_Docker_Address_Range_That_Is_Not_A_16_To_20_Ipv4_Range_NET_1(string requested)
    {
        var (range, check) = Choose(requested);

        Assert.Null(range);
        var violation = Assert.Single(check.Violations);
        Assert.Equal(("NET-1", "DockerAddressRange"), (violation.RuleId, violation.PropertyName));
        Assert.Contains("prefix from /16 to /20", violation.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Rule", "NET-1")]
    [InlineData("10.0.0.0/16", null, "overlaps the VPC (10.0.0.0/16)")]
    [InlineData("10.0.16.0/20", null, "overlaps the VPC (10.0.0.0/16)")]
    [InlineData("10.0.0.0/16", "192.168.0.0/16", "overlaps the VPC (10.0.0.0/16)")]
    [InlineData("192.168.32.0/20", "192.168.0.0/16", "overlaps ReachableCidrs 192.168.0.0/16 (192.168.0.0/16)")]
    [InlineData("172.16.0.0/16", "172.16.200.0/24", "overlaps ReachableCidrs 172.16.200.0/24 (172.16.200.0/24)")]
    public void Refuses_A_Docker_Address_Range_That_Overlaps_The_Vpc_Or_A_Reachable_Range_NET_1(string requested, string? reachable, string problem)
    {
        var (range, check) = Choose(requested, reachable is null ? null : [reachable]);

        Assert.Null(range);
        var violation = Assert.Single(check.Violations);
        Assert.Equal(("NET-1", "DockerAddressRange", $"\"{requested}\""), (violation.RuleId, violation.PropertyName, violation.Value));
        Assert.StartsWith(problem, violation.Problem, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "NET-1")]
    public void Accepts_A_Docker_Address_Range_Outside_Every_Range_NET_1()
    {
        var (range, check) = Choose("192.168.240.0/20", ["172.16.0.0/12", "10.50.0.0/16"]);

        Assert.Empty(check.Violations);
        Assert.Equal("192.168.240.0/20", range);
    }

    [Theory]
    [Trait("Rule", "NET-1")]
    [InlineData("corp")]
    [InlineData("10.1.0.1/16")]
    [InlineData("2001:db8::/32")]
    public void Refuses_Reachable_Ranges_That_Are_Not_Ipv4_Ranges_NET_1(string reachable)
    {
        var (_, check) = Choose(reachable: [reachable]);

        var violation = Assert.Single(check.Violations);
        Assert.Equal(("NET-1", "ReachableCidrs", $"\"{reachable}\""), (violation.RuleId, violation.PropertyName, violation.Value));
        var empty = Assert.Single(Choose(reachable: []).Check.Violations);
        Assert.Equal(("ReachableCidrs", "[] (empty)"), (empty.PropertyName, empty.Value));
    }

    [Fact]
    [Trait("Rule", "NET-1")]
    public void Refuses_Reachable_Ranges_That_Leave_Docker_No_Free_Range_NET_1()
    {
        var (range, check) = Choose(reachable: ["172.16.0.0/12", "100.64.0.0/10"]);

        Assert.Null(range);
        var violation = Assert.Single(check.Violations);
        Assert.Equal(("NET-1", "ReachableCidrs"), (violation.RuleId, violation.PropertyName));
        Assert.Contains("Set DockerAddressRange", violation.Fix, StringComparison.Ordinal);
    }
}
