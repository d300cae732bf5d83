using Amazon.CDK.Assertions;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Network;

public sealed class TfeNetworkTests(NetworkFixture f) : IClassFixture<NetworkFixture>
{
    [Fact]
    public void Spans_Three_Azs_With_A_Nat_Gateway_Per_Az()
    {
        f.Template.ResourceCountIs("AWS::EC2::NatGateway", 3);
        Assert.Equal(3, f.Network.Vpc.AvailabilityZones.Length);
    }

    [Fact]
    public void Has_Public_Private_And_Isolated_Subnets_In_Every_Az()
    {
        f.Template.ResourceCountIs("AWS::EC2::Subnet", 9);
        Assert.Equal(3, f.Network.Vpc.IsolatedSubnets.Length);
    }

    [Fact]
    [Trait("Rule", "S3-2")]
    public void Adds_An_S3_Gateway_Endpoint_S3_2()
    {
        f.Template.HasResourceProperties("AWS::EC2::VPCEndpoint", new Dictionary<string, object>
        {
            ["VpcEndpointType"] = "Gateway",
            ["ServiceName"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Fn::Join"] = Match.ArrayWith([Match.ArrayWith([".s3"])]),
            }),
        });
    }

    [Fact]
    public void Records_Flow_Logs()
    {
        f.Template.HasResourceProperties("AWS::EC2::FlowLog", new Dictionary<string, object> { ["TrafficType"] = "ALL" });
        f.Template.HasResource("AWS::Logs::LogGroup", new Dictionary<string, object> { ["DeletionPolicy"] = "Retain" });
    }
}
