using System.Text.Json;
using Amazon.CDK.Assertions;

namespace Tfe.Cdk.Tests.AppTier;

using Props = Dictionary<string, object>;

/// <summary>An internet-facing Application Load Balancer with every app-tier option changed from its default.</summary>
public sealed class TfeAppTierAlbOptionsTests(ApplicationLoadBalancerOptionsFixture f) : IClassFixture<ApplicationLoadBalancerOptionsFixture>
{
    private const string TargetGroup = "AWS::ElasticLoadBalancingV2::TargetGroup";
    private const string Listener = "AWS::ElasticLoadBalancingV2::Listener";
    private const string ReadinessPath = "/api/v1/health/readiness";

    [Fact]
    [Trait("Rule", "NET-1")]
    public void Load_Balancer_Admits_Only_The_Ingress_Cidrs_On_443_NET_1()
    {
        var rule = Assert.Single(f.CidrIngressRulesOf(f.LoadBalancerSecurityGroupId!));
        Assert.Equal(ApplicationLoadBalancerOptionsFixture.IngressCidr, rule.GetProperty("CidrIp").GetString());
        Assert.Equal(443, rule.GetProperty("FromPort").GetInt32());
        Assert.Equal(443, rule.GetProperty("ToPort").GetInt32());
        Assert.DoesNotContain(f.IngressRules(), r => r.TryGetProperty("FromPort", out var port) && port.ValueKind == JsonValueKind.Number && port.GetInt32() == 80);
        Assert.DoesNotContain(f.IngressRules(), r => r.TryGetProperty("CidrIp", out var cidr) && cidr.GetString() == "0.0.0.0/0");
    }

    [Fact]
    [Trait("Rule", "TLS-2")]
    public void Without_Http_Redirect_Only_The_Https_Listener_Exists_TLS_2()
    {
        f.Template.ResourceCountIs(Listener, 1);
        f.Template.HasResourceProperties(Listener, new Props { ["Port"] = 443, ["Protocol"] = "HTTPS" });
    }

    [Fact]
    [Trait("Rule", "TLS-2")]
    public void Load_Balancer_Is_Internet_Facing_TLS_2() =>
        f.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", new Props
        {
            ["Type"] = "application",
            ["Scheme"] = "internet-facing",
        });

    [Fact]
    [Trait("Rule", "OPS-1")]
    public void Sticky_Sessions_Use_A_Load_Balancer_Cookie_OPS_1() =>
        f.Template.HasResourceProperties(TargetGroup, new Props
        {
            ["TargetGroupAttributes"] = Match.ArrayWith(
            [
                new Props { ["Key"] = "stickiness.enabled", ["Value"] = "true" },
                new Props { ["Key"] = "stickiness.type", ["Value"] = "lb_cookie" },
            ]),
        });

    [Fact]
    [Trait("Rule", "COMP-1")]
    public void Launch_Template_Uses_The_Scaled_Size_And_A_100_GiB_Encrypted_Gp3_Root_COMP_1() =>
        f.Template.HasResourceProperties("AWS::EC2::LaunchTemplate", new Props
        {
            ["LaunchTemplateData"] = Match.ObjectLike(new Props
            {
                ["InstanceType"] = "m5.2xlarge",
                ["BlockDeviceMappings"] = new object[]
                {
                    new Props
                    {
                        ["DeviceName"] = "/dev/xvda",
                        ["Ebs"] = Match.ObjectLike(new Props { ["VolumeSize"] = 100, ["VolumeType"] = "gp3", ["Encrypted"] = true }),
                    },
                },
            }),
        });

    [Fact]
    [Trait("Rule", "COMP-4")]
    public void Target_Group_Probes_The_Readiness_Endpoint_Of_Release_1_2_COMP_4() =>
        f.Template.HasResourceProperties(TargetGroup, new Props
        {
            ["HealthCheckProtocol"] = "HTTPS",
            ["HealthCheckPath"] = ReadinessPath,
        });

    [Fact]
    [Trait("Rule", "COMP-4")]
    public void User_Data_Waits_For_The_Readiness_Endpoint_Of_Release_1_2_COMP_4()
    {
        Assert.Contains($"readonly HEALTH_PATH='{ReadinessPath}'", f.NodeUserData, StringComparison.Ordinal);
        Assert.DoesNotContain("/_health_check", f.NodeUserData, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "COMP-4")]
    public void User_Data_Runs_The_Requested_Release_Pinned_To_Its_Digest_COMP_4() =>
        Assert.Contains($"/{ApplicationLoadBalancerOptionsFixture.EcrRepositoryName}:1.2.0@{ApplicationLoadBalancerOptionsFixture.PinnedDigest}'", f.NodeUserData, StringComparison.Ordinal);

    [Fact]
    [Trait("Rule", "COMP-4")]
    public void Initial_Admin_Gets_A_Generated_Password_Under_The_Data_Key_And_The_Node_May_Only_Read_And_Put_It_COMP_4()
    {
        var secretId = f.Synth.IdsOf("AWS::SecretsManager::Secret").Single(id => id.Contains("InitialAdmin", StringComparison.Ordinal));
        var secret = f.Synth.AllResources[secretId]!;
        Assert.Equal("Retain", (string?)secret["DeletionPolicy"]);
        var generate = secret["Properties"]!["GenerateSecretString"]!;
        Assert.Equal("{\"username\":\"admin\",\"email\":\"tfe-admins@example.com\"}", (string?)generate["SecretStringTemplate"]);
        Assert.Equal("password", (string?)generate["GenerateStringKey"]);
        Assert.Contains("TfeDataKey", secret["Properties"]!["KmsKeyId"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(secret["Properties"]!["SecretString"]);

        // The node role: read it, put a value in it, nothing else on it.
        var statements = f.Synth.IdsOf("AWS::IAM::Policy")
            .SelectMany(id => f.Synth.AllResources[id]!["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())
            .Where(st => st!["Resource"]!.ToJsonString().Contains(secretId, StringComparison.Ordinal));
        var actions = statements.SelectMany(st => st!["Action"] is System.Text.Json.Nodes.JsonArray a ? a.Select(x => (string)x!) : [(string)st!["Action"]!]);
        Assert.Equal(["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue"], actions.Order(StringComparer.Ordinal));
        Assert.Contains("readonly INITIAL_ADMIN_SECRET='", f.NodeUserData, StringComparison.Ordinal);
        Assert.DoesNotContain("readonly INITIAL_ADMIN_SECRET=''", f.NodeUserData, StringComparison.Ordinal);
        f.Template.HasOutput("*", new Props { ["Value"] = new Props { ["Ref"] = secretId }, ["Description"] = Match.StringLikeRegexp("^InitialAdmin: ") });
    }

    [Fact]
    [Trait("Rule", "COMP-3")]
    public void Every_Boot_Duration_Derives_From_The_Boot_Timeout_COMP_3()
    {
        var group = f.Resource(f.AutoScalingGroupId);
        Assert.Equal(2700, group.GetProperty("Properties").GetProperty("HealthCheckGracePeriod").GetInt32());
        Assert.Equal("PT45M", group.GetProperty("CreationPolicy").GetProperty("ResourceSignal").GetProperty("Timeout").GetString());
        Assert.Equal("PT45M", group.GetProperty("UpdatePolicy").GetProperty("AutoScalingRollingUpdate").GetProperty("PauseTime").GetString());
        Assert.Contains("readonly BOOT_DEADLINE_SECONDS=2400\n", f.NodeUserData, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "TLS-1")]
    public void Ca_Bundle_Secret_Is_Read_At_Boot_Into_The_Tfe_Ca_Bundle_TLS_1()
    {
        Assert.Contains("readonly CA_BUNDLE_SECRET='arn:", f.NodeUserData, StringComparison.Ordinal);
        Assert.Contains(":secret:tfe/ca-bundle", f.NodeUserData, StringComparison.Ordinal);
        Assert.Contains("TFE_TLS_CA_BUNDLE_FILE=/etc/ssl/private/terraform-enterprise/bundle.pem\n", f.NodeUserData, StringComparison.Ordinal);
        var grants = f.NodeRoleStatements()
            .Where(st => ApplicationLoadBalancerOptionsFixture.Actions(st).Contains("secretsmanager:GetSecretValue"))
            .Select(st => st.GetProperty("Resource").GetRawText());
        Assert.Contains(grants, r => r.Contains("tfe/ca-bundle", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Rule", "COMP-4")]
    public void Iact_Options_Become_Tfe_Settings_COMP_4() =>
        Assert.Contains("\nTFE_IACT_SUBNETS=10.0.0.0/16,2001:db8::/32\nTFE_IACT_TIME_LIMIT=120\n", f.NodeUserData, StringComparison.Ordinal);

    [Fact]
    [Trait("Rule", "NET-1")]
    public void Docker_Takes_The_First_Range_Outside_The_Vpc_And_The_Reachable_Ranges_NET_1()
    {
        // 172.16.0.0/14 covers 172.17-172.19: the first free candidate is 172.20.0.0/16; the firewall blocks the VPC's range.
        Assert.Contains("\nreadonly RUN_SUBNET=172.20.1.0/24\n", f.NodeUserData, StringComparison.Ordinal);
        Assert.Contains("\nreadonly DOCKER_ADDRESS_RANGE=172.20.0.0/16\nreadonly DOCKER_BRIDGE_IP=172.20.0.1/24\nreadonly DOCKER_POOL=172.20.128.0/17\n", f.NodeUserData, StringComparison.Ordinal);
        Assert.Contains("\nreadonly RUN_BLOCKED_CIDRS='10.0.0.0/16'\n", f.NodeUserData, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "COMP-4")]
    public void User_Data_Renders_Additional_Settings_COMP_4() =>
        Assert.Contains("\nTFE_CAPACITY_CONCURRENCY=20\n", f.NodeUserData, StringComparison.Ordinal);

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void Every_App_Tier_Alarm_Notifies_The_Topic_OPS_2()
    {
        Assert.Equal(7, f.AlarmIds.Count); // 4 on the nodes and the load balancer, 3 on TFE's own metrics (TfeMetrics)
        foreach (var id in f.AlarmIds)
        {
            var alarm = f.Resource(id).GetProperty("Properties");
            Assert.True(StandaloneFixture.RefersTo(Assert.Single(alarm.GetProperty("AlarmActions").EnumerateArray()), f.TopicId), $"{id} AlarmActions");
            Assert.True(StandaloneFixture.RefersTo(Assert.Single(alarm.GetProperty("OKActions").EnumerateArray()), f.TopicId), $"{id} OKActions");
        }
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void Auto_Scaling_Group_Notifies_The_Topic_OPS_2() =>
        f.Template.HasResourceProperties("AWS::AutoScaling::AutoScalingGroup", new Props
        {
            ["NotificationConfigurations"] = new object[]
            {
                Match.ObjectLike(new Props
                {
                    ["TopicARN"] = new Props { ["Ref"] = f.TopicId },
                    ["NotificationTypes"] = Match.ArrayWith(["autoscaling:EC2_INSTANCE_LAUNCH_ERROR", "autoscaling:EC2_INSTANCE_TERMINATE_ERROR"]),
                }),
            },
        });

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void No_Nag_AS3_Suppression_When_A_Topic_Is_Given_OPS_2()
    {
        var asg = f.Resource(f.AutoScalingGroupId);
        var nag = asg.TryGetProperty("Metadata", out var metadata) && metadata.TryGetProperty("cdk_nag", out var n) ? n.GetRawText() : string.Empty;
        Assert.DoesNotContain("AwsSolutions-AS3", nag, StringComparison.Ordinal);
    }

    [Fact]
    public void Nodes_Reach_Their_Own_Load_Balancer_On_443_Whatever_The_Ingress_Cidrs()
    {
        var rule = Assert.Single(f.NodeIngressRulesOfLoadBalancer());
        Assert.Equal(443, rule.GetProperty("FromPort").GetInt32());
        Assert.Equal(443, rule.GetProperty("ToPort").GetInt32());
    }
}
