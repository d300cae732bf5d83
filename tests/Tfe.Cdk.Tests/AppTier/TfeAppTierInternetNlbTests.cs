using Amazon.CDK.Assertions;

namespace Tfe.Cdk.Tests.AppTier;

using Props = Dictionary<string, object>;

/// <summary>An internet-facing Network Load Balancer: instance targets registered by the Auto Scaling group (TLS-5).</summary>
public sealed class TfeAppTierInternetNlbTests(InternetNlbFixture f) : IClassFixture<InternetNlbFixture>
{
    private const string LoadBalancer = "AWS::ElasticLoadBalancingV2::LoadBalancer";
    private const string TargetGroup = "AWS::ElasticLoadBalancingV2::TargetGroup";
    private const string Asg = "AWS::AutoScaling::AutoScalingGroup";

    [Fact]
    [Trait("Rule", "TLS-5")]
    public void Load_Balancer_Is_An_Internet_Facing_Nlb_In_The_Public_Subnets_TLS_5()
    {
        var publicSubnet = Match.ObjectLike(new Props { ["Ref"] = Match.StringLikeRegexp("^TfeNetworkVpcPublicSubnet[123]Subnet") });
        f.Template.HasResourceProperties(LoadBalancer, new Props
        {
            ["Type"] = "network",
            ["Scheme"] = "internet-facing",
            ["Subnets"] = Match.ArrayEquals([publicSubnet, publicSubnet, publicSubnet]),
        });
    }

    [Fact]
    [Trait("Rule", "TLS-5")]
    public void Internet_Facing_Nlb_Targets_By_Instance_Id_By_Default_TLS_5() =>
        f.Template.HasResourceProperties(TargetGroup, new Props
        {
            ["TargetType"] = "instance",
            ["Port"] = 443,
            ["Protocol"] = "TCP",
            ["HealthCheckProtocol"] = "HTTPS",
        });

    [Fact]
    [Trait("Rule", "COMP-3")]
    public void Auto_Scaling_Group_Registers_Its_Instances_And_Uses_Ec2_Health_COMP_3() =>
        f.Template.HasResourceProperties(Asg, new Props
        {
            ["TargetGroupARNs"] = new object[] { new Props { ["Ref"] = f.SingleIdOf(TargetGroup) } },
            ["HealthCheckType"] = "EC2",
        });

    [Fact]
    [Trait("Rule", "TLS-3")]
    public void Listener_Passes_Tcp_443_Through_TLS_3() =>
        f.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", new Props
        {
            ["Port"] = 443,
            ["Protocol"] = "TCP",
            ["Certificates"] = Match.Absent(),
        });

    [Fact]
    [Trait("Rule", "NET-1")]
    public void Internet_Facing_Load_Balancer_Admits_Https_From_Anywhere_By_Default_NET_1()
    {
        var rule = Assert.Single(f.CidrIngressRulesOf(f.LoadBalancerSecurityGroupId!));
        Assert.Equal("0.0.0.0/0", rule.GetProperty("CidrIp").GetString());
        Assert.Equal(443, rule.GetProperty("FromPort").GetInt32());
        Assert.Equal(443, rule.GetProperty("ToPort").GetInt32());
    }

    [Fact]
    [Trait("Rule", "TLS-5")]
    public void Nodes_Do_Not_Register_Themselves_TLS_5()
    {
        Assert.DoesNotContain(f.NodeRoleStatements(), s => StandaloneFixture.Actions(s).Any(a => a.StartsWith("elasticloadbalancing:", StringComparison.Ordinal)));
        Assert.DoesNotContain("register-targets", f.NodeUserData, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "TLS-4")]
    public void User_Data_Reads_The_Node_Certificate_And_Generates_None_TLS_4()
    {
        // tfe-secrets.sh reads the certificate when TLS_SECRET names a secret, and generates one only when it is empty.
        Assert.Contains("readonly TLS_SECRET='arn:", f.NodeUserData, StringComparison.Ordinal);
        Assert.DoesNotContain("readonly TLS_SECRET=''", f.NodeUserData, StringComparison.Ordinal);
    }

    [Fact]
    public void Nodes_Reach_Their_Own_Load_Balancer_On_443_Whatever_The_Ingress_Cidrs()
    {
        var rule = Assert.Single(f.NodeIngressRulesOfLoadBalancer());
        Assert.Equal(443, rule.GetProperty("FromPort").GetInt32());
        Assert.Equal(443, rule.GetProperty("ToPort").GetInt32());
    }
}
