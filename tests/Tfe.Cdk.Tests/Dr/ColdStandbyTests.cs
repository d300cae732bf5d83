using Amazon.CDK.Assertions;
using Tfe.Cdk.Constructs;
using Props = System.Collections.Generic.Dictionary<string, object>;

namespace Tfe.Cdk.Tests.Dr;

/// <summary>A Standalone primary with a cold standby, at rest and restored (two synths).</summary>
public sealed class ColdStandbyTests(ColdStandbyFixture rest, ColdRestoredFixture restored)
    : IClassFixture<ColdStandbyFixture>, IClassFixture<ColdRestoredFixture>
{
    [Fact]
    [Trait("Rule", "DR-3")]
    public void Primary_Replicates_Its_Automated_Backups_Into_The_Dr_Region_With_The_Dr_Key_DR_3()
    {
        var db = rest.App.Primary.AllResources[rest.App.Primary.IdsOf("AWS::RDS::DBInstance").Single()]!["Properties"]!;
        Assert.Equal("us-west-2", (string?)db["AutomaticBackupReplicationRegion"]);
        // RDS documents a key ARN of the destination region here (StartDBInstanceAutomatedBackupsReplication, KmsKeyId), not an alias.
        Assert.Equal(DrApp.BackupKeyArn, (string?)db["AutomaticBackupReplicationKmsKeyId"]);
        Assert.True((int)db["BackupRetentionPeriod"]! > 0);
    }

    [Fact]
    [Trait("Rule", "DR-3")]
    [Trait("Rule", "DR-2")]
    public void Cold_Standby_At_Rest_Has_No_Database_No_Cache_And_No_Nodes_DR_2_DR_3()
    {
        var t = rest.App.Dr;
        Assert.Empty(t.IdsOf("AWS::RDS::DBInstance"));
        Assert.Empty(t.IdsOf("AWS::ElastiCache::ReplicationGroup"));
        t.Template.HasResourceProperties("AWS::AutoScaling::AutoScalingGroup", new Props { ["MinSize"] = "0", ["MaxSize"] = "0" });
        // Ready for the restored database: its security group admits the nodes already.
        Assert.Single(t.IdsOf("AWS::RDS::DBSubnetGroup"));
        Assert.Contains("TFE_DATABASE_HOST=database-not-restored.invalid:5432", t.UserData(), StringComparison.Ordinal);
        Assert.DoesNotContain("us-east-1", t.UserData(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DR-3")]
    public void Cold_Failover_Restores_From_The_Replicated_Backups_And_Scales_The_Node_Up_DR_3()
    {
        var t = restored.App.Dr;
        var db = t.AllResources[t.IdsOf("AWS::RDS::DBInstance").Single()]!.AsObject();
        var p = db["Properties"]!;
        Assert.Equal(DrApp.RestoreArn, (string?)p["SourceDBInstanceAutomatedBackupsArn"]);
        Assert.True((bool)p["UseLatestRestorableTime"]!);
        Assert.Equal("tfe-cold-db", (string?)p["DBInstanceIdentifier"]);
        Assert.True((bool)p["MultiAZ"]!);
        Assert.True((bool)p["DeletionProtection"]!);
        Assert.Equal(35, (int?)p["BackupRetentionPeriod"]);
        Assert.Equal("Snapshot", (string?)db["DeletionPolicy"]);
        t.Template.HasResourceProperties("AWS::AutoScaling::AutoScalingGroup", new Props { ["MinSize"] = "1", ["MaxSize"] = "1" });
        Assert.Contains($"TFE_DATABASE_HOST=${{GetAtt:{t.IdsOf("AWS::RDS::DBInstance").Single()}.Endpoint.Address}}", t.UserData(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DR-2")]
    public void Only_The_Dr_Stack_Changes_At_Failover_DR_2()
    {
        Assert.Equal(rest.App.Primary.Text, restored.App.Primary.Text);
        Assert.Equal(rest.App.Storage.Text, restored.App.Storage.Text);
        Assert.Equal(["Storage"], rest.App.DependenciesOf("Primary"));
        Assert.Contains("Primary", rest.App.DependenciesOf("Dr"));
    }

    [Fact]
    [Trait("Rule", "DR-5")]
    public void Without_A_Hosted_Zone_The_Dns_Step_Is_Manual_And_Says_So_DR_5()
    {
        Annotations.FromStack(rest.App.Dr.Stack).HasWarning("*", Match.StringLikeRegexp("@tfe/cdk:manualDnsFailover"));
        Assert.Empty(rest.App.Dr.IdsOf("AWS::Route53::RecordSet"));
    }

    [Fact]
    [Trait("Rule", "DR-5")]
    public void Cold_Latch_Reads_Whether_A_Dr_Database_Exists_Without_A_Hosted_Zone_Too_DR_5()
    {
        // No zone here, but the latch alarms exist: the primary's nodes read the intact alarm at boot (the fence).
        foreach (var (app, present) in new[] { (rest.App, false), (restored.App, true) })
        {
            var alarms = app.Dr.IdsOf("AWS::CloudWatch::Alarm").Select(id => app.Dr.AllResources[id]!["Properties"]!).ToList();
            var intact = alarms.Single(a => (string?)a["AlarmName"] == "tfe-cold-us-west-2-standby-intact");
            Assert.Equal("CPUUtilization", (string?)intact["MetricName"]);
            Assert.Equal("tfe-cold-db", (string?)intact["Dimensions"]![0]!["Value"]);
            // ALARM once a restored database publishes CPU; OK while none exists (missing data not breaching).
            Assert.Equal("GreaterThanOrEqualToThreshold", (string?)intact["ComparisonOperator"]);
            Assert.Equal("notBreaching", (string?)intact["TreatMissingData"]);
            Assert.Equal(present, app.Dr.IdsOf("AWS::RDS::DBInstance").Count == 1);
            Assert.Empty(app.Dr.IdsOf("AWS::Route53::HealthCheck"));
        }
    }
}
