using System.Text.Json.Nodes;

namespace Tfe.Cdk.Tests.Dr;

/// <summary>
/// The failover switch of the sample: <c>-c tfe:promoted=true</c> against the same app at rest. Failing over must be one
/// update of the DR stack that promotes the replica in place: no create-only property of the database may change.
/// </summary>
public sealed class DrPromotionTests(MultiRegionSampleFixture atRest, MultiRegionPromotedFixture promoted)
    : IClassFixture<MultiRegionSampleFixture>, IClassFixture<MultiRegionPromotedFixture>
{
    /// <summary>
    /// createOnlyProperties of AWS::RDS::DBInstance (aws-cloudformation/aws-cloudformation-resource-providers-rds:
    /// aws-rds-dbinstance/aws-rds-dbinstance.json): changing, adding or removing one replaces the database.
    /// </summary>
    private static readonly string[] CreateOnly =
    [
        "CharacterSetName", "CustomIAMInstanceProfile", "DBClusterIdentifier", "DBInstanceIdentifier", "DBName", "DBSubnetGroupName",
        "KmsKeyId", "MasterUsername", "NcharCharacterSetName", "Port", "SourceRegion", "StorageEncrypted", "Timezone",
    ];

    [Fact]
    [Trait("Rule", "DR-3")]
    public void Promotion_Removes_The_Source_And_Turns_Backups_On_And_Changes_No_Create_Only_Property_DR_3()
    {
        var before = MultiRegionSampleTests.Database(atRest.App.Dr);
        var after = MultiRegionSampleTests.Database(promoted.App.Dr);
        Assert.Equal(atRest.App.Dr.IdsOf("AWS::RDS::DBInstance").Single(), promoted.App.Dr.IdsOf("AWS::RDS::DBInstance").Single());
        Assert.Equal(before["DeletionPolicy"]!.ToJsonString(), after["DeletionPolicy"]!.ToJsonString());

        var p0 = before["Properties"]!.AsObject();
        var p1 = after["Properties"]!.AsObject();
        var changed = p0.Select(p => p.Key).Union(p1.Select(p => p.Key))
            .Where(k => !JsonNode.DeepEquals(p0[k], p1[k]))
            .OrderBy(k => k, StringComparer.Ordinal)
            .ToList();
        // CloudFormation promotes a read replica when SourceDBInstanceIdentifier is removed, and the same update sets the backups (DB-3).
        Assert.Equal(["BackupRetentionPeriod", "SourceDBInstanceIdentifier"], changed);
        Assert.False(p1.ContainsKey("SourceDBInstanceIdentifier"));
        Assert.Equal(35, (int?)p1["BackupRetentionPeriod"]);
        Assert.Empty(changed.Intersect(CreateOnly));
        foreach (var key in CreateOnly.Where(p0.ContainsKey))
        {
            Assert.True(JsonNode.DeepEquals(p0[key], p1[key]), $"{key} must render identically at rest and promoted");
        }

        Assert.Contains("SourceRegion", p1.Select(p => p.Key));
        Assert.Contains("KmsKeyId", p1.Select(p => p.Key));
    }

    [Fact]
    [Trait("Rule", "DR-2")]
    public void Promotion_Scales_The_Dr_Nodes_To_The_Primarys_Count_With_Boot_Signals_DR_2()
    {
        var asg = promoted.App.Dr.AllResources[promoted.App.Dr.IdsOf("AWS::AutoScaling::AutoScalingGroup").Single()]!.AsObject();
        Assert.Equal("3", (string?)asg["Properties"]!["MinSize"]);
        Assert.Equal("3", (string?)asg["Properties"]!["MaxSize"]);
        Assert.Equal(3, (int?)asg["CreationPolicy"]!["ResourceSignal"]!["Count"]);
        Assert.Equal(atRest.App.Dr.UserData(), promoted.App.Dr.UserData());
    }

    [Fact]
    [Trait("Rule", "DR-2")]
    public void Promotion_Changes_Only_The_Database_The_Node_Group_And_Alarms_No_Iam_No_Route_53_DR_2()
    {
        var before = atRest.App.Dr.AllResources;
        var after = promoted.App.Dr.AllResources;
        // Every changed resource, with what changed: top-level attributes (CreationPolicy, UpdatePolicy, DependsOn, ...) and properties.
        var changed = before.Select(r => r.Key).Union(after.Select(r => r.Key))
            .Where(id => !JsonNode.DeepEquals(before[id], after[id]))
            .OrderBy(id => id, StringComparer.Ordinal)
            .Select(id => $"{(string?)(before[id] ?? after[id])!["Type"]} {Changes(before[id] as JsonObject, after[id] as JsonObject)}")
            .ToList();

        Assert.Equal(
        [
            "AWS::AutoScaling::AutoScalingGroup CreationPolicy, UpdatePolicy, Properties.MaxSize, Properties.MinSize",
            "AWS::CloudWatch::Alarm Properties.Threshold",
            // Metadata: the cdk-nag suppression of the promoted database (no AWS call).
            "AWS::RDS::DBInstance Metadata, Properties.BackupRetentionPeriod, Properties.SourceDBInstanceIdentifier",
        ], changed.Distinct().ToList());
        // Nothing of a global service (IAM, Route 53) and nothing added or removed: the promotion deploys with the DR region alone.
        Assert.DoesNotContain(changed, c => c.StartsWith("AWS::IAM::", StringComparison.Ordinal) || c.StartsWith("AWS::Route53::", StringComparison.Ordinal));
        Assert.Equal(before.Select(r => r.Key).Order(), after.Select(r => r.Key).Order());

        static string Changes(JsonObject? b, JsonObject? a)
        {
            if (b is null || a is null)
            {
                return b is null ? "(added)" : "(removed)";
            }

            var top = b.Select(p => p.Key).Union(a.Select(p => p.Key)).Where(k => k != "Properties" && !JsonNode.DeepEquals(b[k], a[k]));
            var p0 = b["Properties"] as JsonObject ?? [];
            var p1 = a["Properties"] as JsonObject ?? [];
            var props = p0.Select(p => p.Key).Union(p1.Select(p => p.Key)).Where(k => !JsonNode.DeepEquals(p0[k], p1[k])).Select(k => "Properties." + k);
            return string.Join(", ", top.Order(StringComparer.Ordinal).Concat(props.Order(StringComparer.Ordinal)));
        }
    }

    [Fact]
    [Trait("Rule", "DR-2")]
    public void Promotion_Touches_Only_The_Dr_Stack_So_It_Deploys_While_The_Primary_Region_Is_Down_DR_2()
    {
        Assert.Equal(atRest.App.Primary.Text, promoted.App.Primary.Text);
        Assert.Equal(atRest.App.Storage.Text, promoted.App.Storage.Text);
        Assert.NotEqual(atRest.App.Dr.Text, promoted.App.Dr.Text);
    }
}
