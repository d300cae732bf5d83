using Amazon.CDK.Assertions;

namespace Tfe.Cdk.Tests.Compliance;

using Props = Dictionary<string, object>;

/// <summary>The compliance options a customer sets (issue #10): one synth of <see cref="ComplianceOptionsFixture"/>.</summary>
public sealed class ComplianceOptionsTests(ComplianceOptionsFixture f) : IClassFixture<ComplianceOptionsFixture>
{
    [Fact]
    [Trait("Rule", "cdk-nag:CloudWatchAlarmAction")]
    public void With_A_Topic_No_Topic_Is_Defined_And_The_Alarms_Use_The_Users()
    {
        var topic = f.SingleIdOf("AWS::SNS::Topic");
        Assert.StartsWith("Alarms", topic, StringComparison.Ordinal);
        Assert.DoesNotContain("AlarmTopicSubscribeCommand", f.Synth.Text, StringComparison.Ordinal);
        var action = new object[] { new Props { ["Ref"] = topic } };
        f.Template.AllResourcesProperties("AWS::CloudWatch::Alarm", new Props { ["AlarmActions"] = action });
    }

    [Fact]
    [Trait("Rule", "cdk-nag:ALBWAFEnabled")]
    public void The_Web_Acl_Is_Associated_With_The_Load_Balancer()
    {
        var alb = f.SingleIdOf("AWS::ElasticLoadBalancingV2::LoadBalancer");
        f.Template.HasResourceProperties("AWS::WAFv2::WebACLAssociation", new Props
        {
            ["ResourceArn"] = new Props { ["Ref"] = alb },
            ["WebACLArn"] = ComplianceOptionsFixture.WebAclArn,
        });
    }

    [Fact]
    [Trait("Rule", "cdk-nag:ELBDeletionProtectionEnabled")]
    public void A_Destroyable_Sandbox_Turns_Deletion_Protection_Off_With_A_Reason() =>
        f.Template.HasResource("AWS::ElasticLoadBalancingV2::LoadBalancer", new Props
        {
            ["Properties"] = Match.ObjectLike(new Props
            {
                ["LoadBalancerAttributes"] = Match.ArrayWith([new Props { ["Key"] = "deletion_protection.enabled", ["Value"] = "false" }]),
            }),
            ["Metadata"] = Match.ObjectLike(new Props
            {
                ["cdk_nag"] = new Props
                {
                    ["rules_to_suppress"] = Match.ArrayWith([Match.ObjectLike(new Props { ["id"] = "HIPAA.Security-ELBDeletionProtectionEnabled" })]),
                },
            }),
        });

    [Fact]
    [Trait("Rule", "cdk-nag:RDSInBackupPlan")]
    public void The_Backup_Plan_Has_An_Encrypted_Vault_A_Daily_Rule_And_A_Copy_To_The_Other_Region()
    {
        var vault = f.SingleIdOf("AWS::Backup::BackupVault");
        f.Template.HasResourceProperties("AWS::Backup::BackupVault", new Props { ["EncryptionKeyArn"] = Match.AnyValue() });
        f.Template.HasResourceProperties("AWS::Backup::BackupPlan", new Props
        {
            ["BackupPlan"] = Match.ObjectLike(new Props
            {
                ["BackupPlanRule"] = new object[]
                {
                    Match.ObjectLike(new Props
                    {
                        ["RuleName"] = "DailyDatabase",
                        ["ScheduleExpression"] = "cron(0 5 * * ? *)",
                        ["TargetBackupVault"] = new Props { ["Fn::GetAtt"] = new object[] { vault, "BackupVaultName" } },
                        ["Lifecycle"] = new Props { ["DeleteAfterDays"] = 35 },
                        ["CopyActions"] = new object[]
                        {
                            Match.ObjectLike(new Props { ["DestinationBackupVaultArn"] = ComplianceOptionsFixture.DrVaultArn }),
                        },
                    }),
                },
            }),
        });
        var database = f.SingleIdOf("AWS::RDS::DBInstance");
        Assert.Contains(database, f.Resource(f.SingleIdOf("AWS::Backup::BackupSelection")).GetRawText(), StringComparison.Ordinal);
    }
}
