using System.Text.Json;
using Amazon.CDK.Assertions;

namespace Tfe.Cdk.Tests.AppTier;

using Props = Dictionary<string, object>;

/// <summary>An internal Network Load Balancer: TLS passes through to the node, which registers its own IP (TLS-3, TLS-5).</summary>
public sealed class TfeAppTierInternalNlbTests(InternalNlbFixture f) : IClassFixture<InternalNlbFixture>
{
    private const string LoadBalancer = "AWS::ElasticLoadBalancingV2::LoadBalancer";
    private const string TargetGroup = "AWS::ElasticLoadBalancingV2::TargetGroup";
    private const string Asg = "AWS::AutoScaling::AutoScalingGroup";
    private static readonly string[] RegistrationActions = ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"];

    private string TargetGroupId => f.SingleIdOf(TargetGroup);

    [Fact]
    [Trait("Rule", "TLS-5")]
    public void Load_Balancer_Is_An_Internal_Nlb_With_A_Security_Group_TLS_5()
    {
        f.Template.ResourceCountIs(LoadBalancer, 1);
        f.Template.HasResourceProperties(LoadBalancer, new Props
        {
            ["Type"] = "network",
            ["Scheme"] = "internal",
            ["SecurityGroups"] = new object[] { new Props { ["Fn::GetAtt"] = new object[] { f.LoadBalancerSecurityGroupId!, "GroupId" } } },
        });
    }

    [Fact]
    [Trait("Rule", "TLS-3")]
    public void Listener_Passes_Tcp_443_Through_Without_A_Certificate_TLS_3()
    {
        f.Template.ResourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 1);
        f.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", new Props
        {
            ["Port"] = 443,
            ["Protocol"] = "TCP",
            ["Certificates"] = Match.Absent(),
            ["SslPolicy"] = Match.Absent(),
            ["DefaultActions"] = new object[] { new Props { ["Type"] = "forward", ["TargetGroupArn"] = new Props { ["Ref"] = TargetGroupId } } },
        });
    }

    [Fact]
    [Trait("Rule", "TLS-5")]
    public void Internal_Nlb_Targets_By_Ip_TLS_5() =>
        f.Template.HasResourceProperties(TargetGroup, new Props
        {
            ["TargetType"] = "ip",
            ["Port"] = 443,
            ["Protocol"] = "TCP",
        });

    [Fact]
    [Trait("Rule", "TLS-3")]
    public void Health_Check_Probes_The_Node_Over_Https_On_Health_Check_Path_TLS_3() =>
        f.Template.HasResourceProperties(TargetGroup, new Props
        {
            ["HealthCheckProtocol"] = "HTTPS",
            ["HealthCheckPort"] = "443",
            ["HealthCheckPath"] = "/api/v1/health/readiness",
        });

    [Fact]
    [Trait("Rule", "TLS-5")]
    public void Auto_Scaling_Group_Does_Not_Register_Instances_And_Uses_Ec2_Health_TLS_5() =>
        f.Template.HasResourceProperties(Asg, new Props
        {
            ["TargetGroupARNs"] = Match.Absent(),
            ["LoadBalancerNames"] = Match.Absent(),
            ["HealthCheckType"] = "EC2",
        });

    [Fact]
    [Trait("Rule", "TLS-5")]
    public void Node_Role_May_Register_And_Deregister_Only_In_Its_Target_Group_TLS_5()
    {
        var statements = f.NodeRoleStatements().Where(s => StandaloneFixture.Actions(s).Any(a => a.StartsWith("elasticloadbalancing:", StringComparison.Ordinal))).ToList();

        var statement = Assert.Single(statements);
        Assert.Equal(RegistrationActions, StandaloneFixture.Actions(statement));
        Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
        Assert.Equal(JsonValueKind.Object, statement.GetProperty("Resource").ValueKind);
        Assert.Equal(TargetGroupId, statement.GetProperty("Resource").GetProperty("Ref").GetString());
    }

    [Fact]
    [Trait("Rule", "TLS-5")]
    public void User_Data_Registers_And_Deregisters_The_Nodes_Own_Ip_TLS_5()
    {
        Assert.Contains($"readonly TARGET_GROUP_ARN='${{Ref:{TargetGroupId}}}'\n", f.NodeUserData, StringComparison.Ordinal);
        Assert.Contains("\nprivate_ip=$(metadata local-ipv4)\n", f.Synth.NodeFile("tfe-boot.sh"), StringComparison.Ordinal);
        var unit = f.Synth.NodeFile("tfe-target-registration.service");
        Assert.Contains("ExecStart=/usr/bin/aws elbv2 register-targets --region @REGION@ --target-group-arn @TARGET_GROUP_ARN@ --targets Id=@PRIVATE_IP@,Port=443", unit, StringComparison.Ordinal);
        Assert.Contains("ExecStop=/usr/bin/aws elbv2 deregister-targets --region @REGION@ --target-group-arn @TARGET_GROUP_ARN@ --targets Id=@PRIVATE_IP@,Port=443", unit, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "TLS-3")]
    public void User_Data_Reads_The_Node_Certificate_From_Its_Secret_TLS_3()
    {
        Assert.Contains("readonly TLS_SECRET='arn:", f.NodeUserData, StringComparison.Ordinal);
        Assert.Contains(":secret:tfe/tls'\n", f.NodeUserData, StringComparison.Ordinal);
        Assert.Contains("json_field private_key <<<\"$tls\"", f.Synth.NodeFile("tfe-secrets.sh"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "TLS-4")]
    public void User_Data_Generates_No_Self_Signed_Certificate_Behind_An_Nlb_TLS_4() =>
        Assert.DoesNotContain("openssl req", f.NodeUserData, StringComparison.Ordinal);

    [Fact]
    [Trait("Rule", "TLS-3")]
    public void Node_Accepts_443_Only_From_The_Load_Balancer_Security_Group_TLS_3()
    {
        var rule = Assert.Single(f.IngressRulesOf(f.NodeSecurityGroupId));
        Assert.Equal(443, rule.GetProperty("FromPort").GetInt32());
        Assert.Equal(443, rule.GetProperty("ToPort").GetInt32());
        Assert.True(StandaloneFixture.RefersTo(rule.GetProperty("SourceSecurityGroupId"), f.LoadBalancerSecurityGroupId!));
        Assert.False(rule.TryGetProperty("CidrIp", out _));
    }

    [Fact]
    [Trait("Rule", "NET-1")]
    public void Internal_Load_Balancer_Admits_The_Vpc_Range_And_Nothing_Opens_To_The_Internet_NET_1()
    {
        var clients = Assert.Single(f.CidrIngressRulesOf(f.LoadBalancerSecurityGroupId!));
        Assert.Equal("10.0.0.0/16", clients.GetProperty("CidrIp").GetString());
        Assert.Equal(443, clients.GetProperty("FromPort").GetInt32());

        Assert.DoesNotContain(f.IngressRules(), r => r.TryGetProperty("CidrIp", out var cidr) && cidr.GetString() == "0.0.0.0/0");
        Assert.DoesNotContain(f.IngressRules(), r => r.TryGetProperty("CidrIpv6", out var cidr) && cidr.GetString() == "::/0");
    }

    [Fact]
    public void Nodes_Reach_Their_Own_Load_Balancer_On_443_Whatever_The_Ingress_Cidrs()
    {
        var rule = Assert.Single(f.NodeIngressRulesOfLoadBalancer());
        Assert.Equal(443, rule.GetProperty("FromPort").GetInt32());
        Assert.Equal(443, rule.GetProperty("ToPort").GetInt32());
    }
}
