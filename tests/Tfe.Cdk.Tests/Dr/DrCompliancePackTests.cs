using System.Text.Json.Nodes;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Dr;

/// <summary>
/// The DR stacks under the NIST 800-53 R5, HIPAA Security and PCI DSS 3.2.1 packs: the serving and replica-lag alarms
/// notify the deployment's alarm topic (CloudWatchAlarmAction), and every compliance-pack suppression of every DR
/// scenario (warm at rest and promoted, cold at rest and restored) carries a reason.
/// </summary>
public sealed class DrCompliancePackTests(MultiRegionSampleFixture warm, MultiRegionPromotedFixture promoted, ColdStandbyFixture cold, ColdRestoredFixture restored)
    : IClassFixture<MultiRegionSampleFixture>, IClassFixture<MultiRegionPromotedFixture>, IClassFixture<ColdStandbyFixture>, IClassFixture<ColdRestoredFixture>
{
    private IEnumerable<(string Scenario, DrApp App)> Scenarios =>
        [("warm", warm.App), ("promoted", promoted.App), ("cold", cold.App), ("restored", restored.App)];

    /// <summary>The app tier's alarm topic: the one its Auto Scaling group notifies (the library's encrypted one: the samples pass none).</summary>
    private static string AppTopic(SynthesizedTemplate t)
    {
        var group = t.AllResources[t.IdsOf("AWS::AutoScaling::AutoScalingGroup").Single()]!["Properties"]!;
        var id = (string)group["NotificationConfigurations"]![0]!["TopicARN"]!["Ref"]!;
        Assert.Contains(id, t.IdsOf("AWS::SNS::Topic"));
        return id;
    }

    private static JsonObject AlarmProperties(SynthesizedTemplate t, string idPrefix) =>
        t.AllResources[t.IdsOf("AWS::CloudWatch::Alarm").Single(id => id.StartsWith(idPrefix, StringComparison.Ordinal))]!["Properties"]!.AsObject();

    private static void NotifiesAppTopic(SynthesizedTemplate t, string idPrefix)
    {
        var alarm = AlarmProperties(t, idPrefix);
        var expected = new JsonArray(new JsonObject { ["Ref"] = AppTopic(t) }).ToJsonString();
        Assert.Equal(expected, alarm["AlarmActions"]?.ToJsonString());
        Assert.Equal(expected, alarm["OKActions"]?.ToJsonString());
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void Serving_Alarms_Notify_The_Deployments_Alarm_Topic_In_Both_Regions()
    {
        NotifiesAppTopic(warm.App.Primary, "TfeServingAlarm");
        NotifiesAppTopic(warm.App.Dr, "TfeServingAlarm");
        NotifiesAppTopic(promoted.App.Dr, "TfeServingAlarm");
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void Replica_Lag_Alarm_Notifies_The_Dr_Regions_Alarm_Topic()
    {
        NotifiesAppTopic(warm.App.Dr, "TfeDataReplicaLagAlarm");
        NotifiesAppTopic(promoted.App.Dr, "TfeDataReplicaLagAlarm");
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void Every_Alarm_Of_Each_Region_Notifies_That_Regions_One_Topic()
    {
        // The multi-region sample's DR region is Active/Active: its cache's alarms once went to a second topic of their own,
        // which an operator subscribed to the region's topic never heard from.
        foreach (var (scenario, app) in Scenarios)
        {
            foreach (var t in app.All.Where(t => t.IdsOf("AWS::AutoScaling::AutoScalingGroup").Count > 0))
            {
                Assert.True(t.IdsOf("AWS::SNS::Topic").Count == 1, $"{scenario}/{t.Stack.StackName}: topics {string.Join(", ", t.IdsOf("AWS::SNS::Topic"))}");
                var expected = new JsonArray(new JsonObject { ["Ref"] = AppTopic(t) }).ToJsonString();
                foreach (var id in t.IdsOf("AWS::CloudWatch::Alarm"))
                {
                    var alarm = t.AllResources[id]!["Properties"]!.AsObject();
                    Assert.True(expected == alarm["AlarmActions"]?.ToJsonString() && expected == alarm["OKActions"]?.ToJsonString(),
                        $"{scenario}/{t.Stack.StackName}/{id} notifies {alarm["AlarmActions"]?.ToJsonString()}, not the region's topic {expected}");
                }
            }
        }

        Assert.NotNull(warm.App.Dr.IdsOf("AWS::ElastiCache::ReplicationGroup").SingleOrDefault());
        Assert.Contains(warm.App.Dr.IdsOf("AWS::CloudWatch::Alarm"), id => id.StartsWith("TfeRedis", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void Every_Alarm_Of_Every_Dr_Scenario_Has_An_Alarm_And_An_Ok_Action()
    {
        foreach (var (scenario, app) in Scenarios)
        {
            foreach (var t in app.All)
            {
                foreach (var id in t.IdsOf("AWS::CloudWatch::Alarm"))
                {
                    var alarm = t.AllResources[id]!["Properties"]!.AsObject();
                    Assert.True(alarm["AlarmActions"] is JsonArray { Count: > 0 }, $"{scenario}/{t.Stack.StackName}/{id}: no alarm action");
                    Assert.True(alarm["OKActions"] is JsonArray { Count: > 0 }, $"{scenario}/{t.Stack.StackName}/{id}: no OK action");
                }
            }
        }
    }

    [Fact]
    public void Every_Compliance_Pack_Suppression_Of_Every_Dr_Stack_Has_A_Reason_Of_At_Least_10_Characters()
    {
        foreach (var (scenario, app) in Scenarios)
        {
            foreach (var t in app.All)
            {
                var suppressions = (
                    from resource in t.AllResources
                    let rules = resource.Value!["Metadata"]?["cdk_nag"]?["rules_to_suppress"] as JsonArray
                    where rules is not null
                    from rule in rules
                    select (Resource: resource.Key, Id: rule!["id"]!.GetValue<string>(), Reason: rule["reason"]?.GetValue<string>() ?? string.Empty)).ToList();
                foreach (var pack in NagControls.CompliancePacks)
                {
                    var ofPack = suppressions.Where(s => s.Id.StartsWith(pack + "-", StringComparison.Ordinal)).ToList();
                    Assert.True(ofPack.Count > 0, $"{scenario}/{t.Stack.StackName}: no {pack} suppression");
                    Assert.All(ofPack, s => Assert.True(s.Reason.Trim().Length >= 10, $"{scenario}/{t.Stack.StackName}: {s.Id} on {s.Resource}: reason '{s.Reason}'"));
                }
            }
        }
    }

    [Fact]
    public void Dr_Storage_Access_Logs_Bucket_Shares_The_Primary_Access_Logs_Buckets_Reasons()
    {
        static Dictionary<string, string> Reasons(SynthesizedTemplate t) =>
            (t.AllResources[t.IdsOf("AWS::S3::Bucket").Single(id => id.Contains("AccessLogsBucket", StringComparison.Ordinal))]!["Metadata"]!["cdk_nag"]!["rules_to_suppress"] as JsonArray)!
            .ToDictionary(r => r!["id"]!.GetValue<string>(), r => r!["reason"]!.GetValue<string>());

        var dr = Reasons(warm.App.Storage);
        var primary = Reasons(warm.App.Primary);
        foreach (var id in NagControls.BucketKmsEncryption.Ids.Concat(NagControls.BucketReplication.Ids))
        {
            Assert.Equal(primary[id], dr[id]);
        }
    }
}
