using Amazon.CDK.AWS.EC2;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Network;

/// <summary>The network's rules, on the validator (no synth; an existing VPC is only a reference object).</summary>
public sealed class TfeNetworkValidationTests
{
    [Theory]
    [Trait("Rule", "DB-1")]
    [InlineData(1)]
    [InlineData(0)]
    public void Fails_When_A_New_Vpc_Spans_Fewer_Than_Two_Azs_DB_1(int maxAzs) =>
        Assert.Contains("DB-1", Ids(new TfeNetworkProps { MaxAzs = maxAzs }));

    [Fact]
    [Trait("Rule", "NET-1")]
    public void Fails_When_Nodes_Would_Have_No_Nat_Egress_NET_1() =>
        Assert.Equal(["NET-1"], Ids(new TfeNetworkProps { NatGateways = 0 }));

    [Fact]
    [Trait("Rule", "NET-1")]
    public void Fails_When_New_Vpc_Options_Are_Given_With_An_Existing_Vpc_NET_1()
    {
        var stack = TestApp.NewStack();
        var vpc = Vpc.FromVpcAttributes(stack, "Vpc", new VpcAttributes { VpcId = "vpc-1", AvailabilityZones = ["us-east-1a", "us-east-1b"] });
        var violations = TfeNetworkPropsValidator.Check(new TfeNetworkProps { Vpc = vpc, MaxAzs = 3, NatGateways = 2, CidrBlock = "10.1.0.0/16" }).Violations;
        Assert.Equal(["CidrBlock", "MaxAzs", "NatGateways"], violations.Select(v => v.PropertyName).Order());
    }

    [Fact]
    [Trait("Rule", "NET-1")]
    public void Fails_When_Subnet_Selections_Are_Given_For_A_New_Vpc_NET_1() =>
        Assert.Equal(["NET-1"], Ids(new TfeNetworkProps { DataSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_ISOLATED } }));

    [Fact]
    public void Accepts_The_Defaults_And_A_Single_Shared_Nat_Gateway()
    {
        Assert.Empty(Ids(new TfeNetworkProps()));
        Assert.Empty(Ids(new TfeNetworkProps { MaxAzs = 2, NatGateways = 1 }));
    }

    private static List<string> Ids(TfeNetworkProps props) => TfeNetworkPropsValidator.Check(props).Violations.Select(v => v.RuleId).ToList();
}
