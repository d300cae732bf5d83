using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.EC2;
using Tfe.Cdk.Constructs;
using Props = System.Collections.Generic.Dictionary<string, object>;

namespace Tfe.Cdk.Tests.Network;

/// <summary>
/// Two networks in one stack, one synth: a new two-AZ VPC with one NAT gateway and the interface endpoints of a
/// private deployment, and an existing VPC with a subnet selection per tier and no S3 endpoint of ours.
/// </summary>
public sealed class NetworkOptionsFixture
{
    public NetworkOptionsFixture()
    {
        var stack = TestApp.NewStack();
        Private = new TfeNetwork(stack, "Private", new TfeNetworkProps { MaxAzs = 2, NatGateways = 1, InterfaceEndpoints = true });
        var vpc = Vpc.FromVpcAttributes(stack, "ImportedVpc", new VpcAttributes
        {
            VpcId = "vpc-0123",
            VpcCidrBlock = "10.20.0.0/16",
            AvailabilityZones = ["us-east-1a", "us-east-1b"],
            PublicSubnetIds = ["subnet-pub-a", "subnet-pub-b"],
            PrivateSubnetIds = ["subnet-app-a", "subnet-app-b"],
            IsolatedSubnetIds = ["subnet-db-a", "subnet-db-b"],
        });
        Existing = new TfeNetwork(stack, "Existing", new TfeNetworkProps
        {
            Vpc = vpc,
            DataSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_ISOLATED },
            S3GatewayEndpoint = false,
        });
        Synth = new SynthesizedTemplate(stack);
    }

    public TfeNetwork Private { get; }

    public TfeNetwork Existing { get; }

    public SynthesizedTemplate Synth { get; }
}

public sealed class TfeNetworkOptionsTests(NetworkOptionsFixture f) : IClassFixture<NetworkOptionsFixture>
{
    [Fact]
    public void Interface_Endpoints_Cover_Every_Aws_Service_A_Node_Calls()
    {
        var services = f.Synth.IdsOf("AWS::EC2::VPCEndpoint")
            .Select(id => f.Synth.AllResources[id]!["Properties"]!)
            .Where(p => (string?)p["VpcEndpointType"] == "Interface")
            .Select(p => p["ServiceName"]!.ToJsonString())
            .ToList();
        foreach (var service in new[] { "secretsmanager", "kms", ".ssm", "ssmmessages", "ec2messages", ".logs", "monitoring", "cloudformation", "autoscaling", "elasticloadbalancing", ".sts", ".ec2\"", ".ecr.api", ".ecr.dkr" })
        {
            Assert.Contains(services, s => s.Contains(service, StringComparison.Ordinal));
        }

        // Every AWS CLI service the node's scripts call has its endpoint (the CLI's name, and the endpoint's when they differ).
        var endpointOf = new Dictionary<string, string>(StringComparer.Ordinal) { ["elbv2"] = "elasticloadbalancing", ["cloudwatch"] = "monitoring", ["ecr"] = "ecr.api" };
        var scripts = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src/Tfe.Cdk.Constructs/App/Node/scripts"), "*.sh");
        var called = scripts.SelectMany(file => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file), @"(?m)^[^#\n]*\baws (?<service>[a-z0-9]+) [a-z-]+")
                .Select(m => m.Groups["service"].Value))
            .Distinct(StringComparer.Ordinal).ToList();
        Assert.Contains("ecr", called);
        foreach (var service in called)
        {
            var endpoint = endpointOf.GetValueOrDefault(service, service);
            Assert.True(services.Any(s => s.EndsWith("." + endpoint + "\"", StringComparison.Ordinal)), $"no interface endpoint for aws {service} ({endpoint})");
        }

        f.Synth.Template.HasResourceProperties("AWS::EC2::VPCEndpoint", new Props { ["VpcEndpointType"] = "Interface", ["PrivateDnsEnabled"] = true });
    }

    [Fact]
    public void A_Single_Shared_Nat_Gateway_When_Asked() => Assert.Single(f.Synth.IdsOf("AWS::EC2::NatGateway"));

    [Fact]
    [Trait("Rule", "NET-1")]
    public void An_Existing_Vpc_Is_Used_As_Given_With_A_Subnet_Selection_Per_Tier_NET_1()
    {
        Assert.Equal("vpc-0123", f.Existing.Vpc.VpcId);
        Assert.Equal("10.20.0.0/16", f.Existing.VpcCidrBlock);
        Assert.Equal(["subnet-db-a", "subnet-db-b"], f.Existing.Vpc.SelectSubnets(f.Existing.DataSubnets).SubnetIds);
        Assert.Equal(["subnet-app-a", "subnet-app-b"], f.Existing.Vpc.SelectSubnets(f.Existing.PrivateSubnets).SubnetIds);
        Assert.Single(f.Synth.IdsOf("AWS::EC2::VPC"));
    }

    [Fact]
    [Trait("Rule", "S3-2")]
    public void Turning_The_S3_Endpoint_Off_Warns_S3_2() =>
        Annotations.FromStack(f.Synth.Stack).HasWarning("/Test/Existing", Match.StringLikeRegexp("S3-2: S3GatewayEndpoint is false"));
}
