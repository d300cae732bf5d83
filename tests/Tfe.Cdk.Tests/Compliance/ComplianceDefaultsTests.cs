using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Tfe.Cdk.Tests.Topologies;

namespace Tfe.Cdk.Tests.Compliance;

using Props = Dictionary<string, object>;

/// <summary>
/// The compliance packs' fixes that cost nothing, on by default (issue #10), read from the Standalone sample. Traits name
/// the cdk-nag rule each test proves (<c>cdk-nag:&lt;Rule&gt;</c>, the name the NIST, HIPAA and PCI packs share).
/// </summary>
public sealed class ComplianceDefaultsTests(StandaloneSampleFixture f) : IClassFixture<StandaloneSampleFixture>
{
    private Template Template => f.Synth.Template;

    private string Topic => Assert.Single(f.Synth.IdsOf("AWS::SNS::Topic"));

    [Fact]
    [Trait("Rule", "cdk-nag:CloudWatchAlarmAction")]
    public void Without_A_Topic_One_Encrypted_Topic_Is_Defined_And_Every_Alarm_Notifies_It()
    {
        Template.HasResourceProperties("AWS::SNS::Topic", new Props { ["KmsMasterKeyId"] = Match.AnyValue() });
        var action = new object[] { new Props { ["Ref"] = Topic } };
        Assert.NotEmpty(f.Synth.IdsOf("AWS::CloudWatch::Alarm"));
        Template.AllResourcesProperties("AWS::CloudWatch::Alarm", new Props { ["AlarmActions"] = action, ["OKActions"] = action });
    }

    [Fact]
    [Trait("Rule", "cdk-nag:CloudWatchAlarmAction")]
    public void The_Auto_Scaling_Group_Notifies_The_Same_Topic() =>
        Template.HasResourceProperties("AWS::AutoScaling::AutoScalingGroup", new Props
        {
            ["NotificationConfigurations"] = new object[] { Match.ObjectLike(new Props { ["TopicARN"] = new Props { ["Ref"] = Topic } }) },
        });

    [Fact]
    [Trait("Rule", "cdk-nag:CloudWatchAlarmAction")]
    public void An_Output_Says_How_To_Subscribe_And_The_Key_Lets_CloudWatch_Publish()
    {
        var output = f.Synth.Json["Outputs"]!.AsObject().Single(o => o.Key.Contains("AlarmTopicSubscribeCommand", StringComparison.Ordinal));
        Assert.Contains("aws sns subscribe", output.Value!.ToJsonString(), StringComparison.Ordinal);
        Template.HasResourceProperties("AWS::KMS::Key", new Props
        {
            ["KeyPolicy"] = Match.ObjectLike(new Props
            {
                ["Statement"] = Match.ArrayWith([Match.ObjectLike(new Props
                {
                    ["Sid"] = "CloudWatchAlarmsPublish",
                    ["Principal"] = new Props { ["Service"] = "cloudwatch.amazonaws.com" },
                })]),
            }),
        });
    }

    [Fact]
    [Trait("Rule", "cdk-nag:CloudWatchLogGroupEncrypted")]
    public void Every_Log_Group_Has_A_Kms_Key_Whose_Policy_Lets_CloudWatch_Logs_Use_It()
    {
        Assert.Equal(3, f.Synth.IdsOf("AWS::Logs::LogGroup").Count); // + TFE's metrics (TfeMetrics)
        Template.AllResourcesProperties("AWS::Logs::LogGroup", new Props { ["KmsKeyId"] = Match.AnyValue() });
        foreach (var id in f.Synth.IdsOf("AWS::Logs::LogGroup"))
        {
            var keyId = f.Synth.AllResources[id]!["Properties"]!["KmsKeyId"]!["Fn::GetAtt"]![0]!.GetValue<string>();
            var policy = f.Synth.AllResources[keyId]!["Properties"]!["KeyPolicy"]!.ToJsonString();
            Assert.Contains("\"logs.us-east-1.\"", policy, StringComparison.Ordinal);
            Assert.Contains("kms:EncryptionContext:aws:logs:arn", policy, StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("Rule", "cdk-nag:ELBDeletionProtectionEnabled")]
    public void The_Load_Balancer_Has_Deletion_Protection() =>
        Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", new Props
        {
            ["LoadBalancerAttributes"] = Match.ArrayWith([new Props { ["Key"] = "deletion_protection.enabled", ["Value"] = "true" }]),
        });

    [Fact]
    [Trait("Rule", "cdk-nag:VPCSubnetAutoAssignPublicIpDisabled")]
    public void No_Subnet_Assigns_Public_Ips()
    {
        Assert.NotEmpty(f.Synth.IdsOf("AWS::EC2::Subnet"));
        Template.AllResourcesProperties("AWS::EC2::Subnet", new Props { ["MapPublicIpOnLaunch"] = false });
    }

    [Fact]
    [Trait("Rule", "cdk-nag:ALBWAFEnabled")]
    [Trait("Rule", "cdk-nag:RDSInBackupPlan")]
    public void Options_That_Cost_Money_Are_Off_And_Their_Findings_Carry_A_Reason()
    {
        Template.ResourceCountIs("AWS::WAFv2::WebACLAssociation", 0);
        Template.ResourceCountIs("AWS::Backup::BackupPlan", 0);
        Template.HasResource("AWS::RDS::DBInstance", new Props
        {
            ["Metadata"] = Match.ObjectLike(new Props
            {
                ["cdk_nag"] = new Props
                {
                    ["rules_to_suppress"] = Match.ArrayWith([Match.ObjectLike(new Props { ["id"] = "NIST.800.53.R5-RDSInBackupPlan" })]),
                },
            }),
        });
    }
}
