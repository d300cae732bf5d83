using Amazon.CDK.Assertions;

namespace Tfe.Cdk.Tests.AppTier;

using Props = Dictionary<string, object>;
using System.Text.Json.Nodes;

/// <summary>A Classic Load Balancer: TLS terminates on it with the ACM certificate and is re-encrypted to the node (TLS-2).</summary>
public sealed class TfeAppTierClassicTests(ClassicFixture f) : IClassFixture<ClassicFixture>
{
    private const string Clb = "AWS::ElasticLoadBalancing::LoadBalancer";

    /// <summary>us-east-1's Elastic Load Balancing account, which writes the access logs.</summary>
    private const string ElbAccount = "127311923021";

    [Fact]
    [Trait("Rule", "NET-1")]
    public void Load_Balancer_Is_A_Classic_Load_Balancer_Only_NET_1()
    {
        f.Template.ResourceCountIs(Clb, 1);
        f.Template.ResourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 0);
        f.Template.ResourceCountIs("AWS::ElasticLoadBalancingV2::TargetGroup", 0);
    }

    [Fact]
    [Trait("Rule", "TLS-2")]
    public void Listener_Terminates_Https_And_Talks_Https_To_The_Node_TLS_2() =>
        f.Template.HasResourceProperties(Clb, new Props
        {
            ["Listeners"] = new object[]
            {
                Match.ObjectLike(new Props
                {
                    ["LoadBalancerPort"] = "443",
                    ["Protocol"] = "HTTPS",
                    ["InstancePort"] = "443",
                    ["InstanceProtocol"] = "HTTPS",
                }),
            },
        });

    [Fact]
    [Trait("Rule", "TLS-1")]
    public void Listener_Presents_The_Acm_Certificate_TLS_1() =>
        f.Template.HasResourceProperties(Clb, new Props
        {
            ["Listeners"] = new object[] { Match.ObjectLike(new Props { ["SSLCertificateId"] = ClassicFixture.CertificateArn }) },
        });

    [Fact]
    [Trait("Rule", "TLS-2")]
    public void Listener_Uses_A_Tls_1_2_Negotiation_Policy_TLS_2() =>
        f.Template.HasResourceProperties(Clb, new Props
        {
            ["Listeners"] = new object[] { Match.ObjectLike(new Props { ["PolicyNames"] = new[] { "TfeTlsPolicy" } }) },
            ["Policies"] = new object[]
            {
                new Props
                {
                    ["PolicyName"] = "TfeTlsPolicy",
                    ["PolicyType"] = "SSLNegotiationPolicyType",
                    // TLS 1.2 with forward-secret GCM suites only (DefenseInDepthTests asserts the exact list).
                    ["Attributes"] = Match.ArrayWith([new Props { ["Name"] = "Protocol-TLSv1", ["Value"] = "false" }, new Props { ["Name"] = "Protocol-TLSv1.2", ["Value"] = "true" }]),
                },
            },
        });

    [Fact]
    [Trait("Rule", "TLS-2")]
    public void Health_Check_Probes_The_Node_Over_Https_TLS_2() =>
        f.Template.HasResourceProperties(Clb, new Props
        {
            ["HealthCheck"] = Match.ObjectLike(new Props { ["Target"] = "HTTPS:443/api/v1/health/readiness" }),
        });

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void Access_Logs_Go_To_The_Access_Logs_Bucket_OPS_2() =>
        f.Template.HasResourceProperties(Clb, new Props
        {
            ["AccessLoggingPolicy"] = new Props
            {
                ["Enabled"] = true,
                ["EmitInterval"] = 60,
                ["S3BucketName"] = new Props { ["Ref"] = f.AccessLogsBucketId },
                ["S3BucketPrefix"] = "load-balancer",
            },
        });

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void Access_Logs_Bucket_Lets_The_Elb_Account_Write_Under_The_Prefix_OPS_2() =>
        f.Template.HasResourceProperties("AWS::S3::BucketPolicy", new Props
        {
            ["Bucket"] = new Props { ["Ref"] = f.AccessLogsBucketId },
            ["PolicyDocument"] = Match.ObjectLike(new Props
            {
                ["Statement"] = Match.ArrayWith([Match.ObjectLike(new Props
                {
                    ["Effect"] = "Allow",
                    ["Action"] = Match.ArrayWith(["s3:PutObject"]),
                    ["Principal"] = new Props
                    {
                        ["AWS"] = new Props { ["Fn::Join"] = new object[] { "", new object[] { "arn:", new Props { ["Ref"] = "AWS::Partition" }, $":iam::{ElbAccount}:root" } } },
                    },
                    ["Resource"] = new Props
                    {
                        ["Fn::Join"] = new object[] { "", new object[] { new Props { ["Fn::GetAtt"] = new object[] { f.AccessLogsBucketId, "Arn" } }, "/load-balancer/*" } },
                    },
                })]),
            }),
        });

    [Fact]
    [Trait("Rule", "COMP-3")]
    public void Auto_Scaling_Group_Registers_Its_Instances_With_The_Clb_COMP_3() =>
        f.Template.HasResourceProperties("AWS::AutoScaling::AutoScalingGroup", new Props
        {
            ["LoadBalancerNames"] = new object[] { new Props { ["Ref"] = f.SingleIdOf(Clb) } },
            ["TargetGroupARNs"] = Match.Absent(),
            ["HealthCheckType"] = "EC2",
        });

    [Fact]
    [Trait("Rule", "TLS-4")]
    public void Node_Serves_A_Self_Signed_Certificate_Behind_The_Clb_TLS_4()
    {
        // An empty TLS_SECRET: tfe-secrets.sh generates the self-signed certificate (openssl req -x509).
        Assert.Contains("readonly TLS_SECRET=''\n", f.NodeUserData, StringComparison.Ordinal);
        Assert.Contains("openssl req -x509", f.Synth.NodeFile("tfe-secrets.sh"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void Without_A_Topic_The_Auto_Scaling_Group_Notifies_The_Topic_The_Construct_Defines_OPS_2()
    {
        var topic = f.SingleIdOf("AWS::SNS::Topic");
        f.Template.HasResourceProperties("AWS::AutoScaling::AutoScalingGroup", new Props
        {
            ["NotificationConfigurations"] = new object[] { Match.ObjectLike(new Props { ["TopicARN"] = new Props { ["Ref"] = topic } }) },
        });
    }

    [Fact]
    public void Classic_Load_Balancer_Drains_Connections_From_A_Leaving_Node() =>
        f.Template.HasResourceProperties("AWS::ElasticLoadBalancing::LoadBalancer", new Dictionary<string, object>
        {
            ["ConnectionDrainingPolicy"] = new Dictionary<string, object> { ["Enabled"] = true, ["Timeout"] = 300 },
        });

    [Fact]
    public void Nodes_Reach_Their_Own_Load_Balancer_On_443_Whatever_The_Ingress_Cidrs()
    {
        var rule = Assert.Single(f.NodeIngressRulesOfLoadBalancer());
        Assert.Equal(443, rule.GetProperty("FromPort").GetInt32());
        Assert.Equal(443, rule.GetProperty("ToPort").GetInt32());
    }

    [Fact]
    public void Classic_Load_Balancer_Offers_Tls_1_2_With_Only_Forward_Secret_Gcm_Suites()
    {
        var clbId = f.Synth.IdsOf("AWS::ElasticLoadBalancing::LoadBalancer").Single();
        var policy = f.Synth.AllResources[clbId]!["Properties"]!["Policies"]!.AsArray().Single(p => (string?)p!["PolicyType"] == "SSLNegotiationPolicyType")!;
        var enabled = policy["Attributes"]!.AsArray().Where(a => (string?)a!["Value"] == "true").Select(a => (string)a!["Name"]!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384", "Protocol-TLSv1.2", "Server-Defined-Cipher-Order"],
            enabled);
        Assert.DoesNotContain(policy["Attributes"]!.AsArray(), a => (string?)a!["Name"] == "Reference-Security-Policy");
    }
}
