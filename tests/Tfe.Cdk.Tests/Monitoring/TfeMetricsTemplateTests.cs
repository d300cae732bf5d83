using System.Text.Json.Nodes;

namespace Tfe.Cdk.Tests.Monitoring;

/// <summary>
/// TFE's own metrics in the template (docs/tfe-metrics.md): the node role's only new permission (writing to the metrics log
/// group), no port opened, the dashboard row and the alarms. One synth: the Active/Active monitoring fixture.
/// </summary>
public sealed class TfeMetricsTemplateTests(ActiveActiveMonitoringFixture f) : IClassFixture<ActiveActiveMonitoringFixture>
{
    private static readonly string[] Selected =
    [
        "tfe_run_count", "tfe_run_limit", "sidekiq_sidekiq_queue_latency", "sidekiq_sidekiq_enqueued", "sidekiq_sidekiq_busy",
        "sidekiq_sidekiq_dead",
    ];

    private JsonObject Resource(string logicalId) => f.Synth.AllResources[logicalId]!.AsObject();

    private string MetricsLogGroupId => f.Synth.IdsOf("AWS::Logs::LogGroup").Single(id => id.Contains("TfeMetricsLogs", StringComparison.Ordinal));

    private IEnumerable<JsonObject> NodeRoleStatements => f.Synth.IdsOf("AWS::IAM::Policy")
        .Select(Resource)
        .Where(p => p["Properties"]!["Roles"]!.ToJsonString().Contains("NodeRole", StringComparison.Ordinal))
        .SelectMany(p => p["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!.AsObject()));

    private static IEnumerable<string> Actions(JsonObject statement) =>
        statement["Action"] is JsonArray many ? many.Select(a => (string)a!) : [(string)statement["Action"]!];

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void The_Metrics_Log_Group_Is_Encrypted_Retained_And_The_Node_May_Only_Write_To_It_OPS_2()
    {
        var group = Resource(MetricsLogGroupId);
        Assert.Equal("Retain", (string?)group["DeletionPolicy"]);
        Assert.NotNull(group["Properties"]!["KmsKeyId"]);
        var writes = NodeRoleStatements.Where(s => Actions(s).Any(a => a.StartsWith("logs:", StringComparison.Ordinal))
            && s["Resource"]!.ToJsonString().Contains(MetricsLogGroupId, StringComparison.Ordinal)).ToList();
        var statement = Assert.Single(writes);
        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], Actions(statement).Order());
        Assert.DoesNotContain("*", statement["Resource"]!.ToJsonString().Replace(":*", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        // EMF goes through CloudWatch Logs: the node never calls PutMetricData, so it is not granted.
        Assert.DoesNotContain(NodeRoleStatements, s => Actions(s).Contains("cloudwatch:PutMetricData"));
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void No_Security_Group_Rule_Opens_The_Metrics_Ports_OPS_2()
    {
        var rules = f.Synth.IdsOf("AWS::EC2::SecurityGroupIngress").Select(id => Resource(id)["Properties"]!)
            .Concat(f.Synth.IdsOf("AWS::EC2::SecurityGroup").SelectMany(id => Resource(id)["Properties"]!["SecurityGroupIngress"]?.AsArray() ?? []))
            .ToList();
        Assert.NotEmpty(rules);
        // Literal ports only: a token port is the database's or the cache's.
        Assert.DoesNotContain(rules, r => r!["FromPort"] is JsonValue from && from.TryGetValue<int>(out var low)
            && r["ToPort"] is JsonValue to && to.TryGetValue<int>(out var high) && low <= 9091 && high >= 9090);
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void The_Node_Renders_Metrics_Settings_And_The_Loopback_Port_OPS_2()
    {
        var userData = f.Synth.UserData();
        Assert.Contains("TFE_METRICS_ENABLE=true", userData, StringComparison.Ordinal);
        Assert.Contains("TFE_METRICS_HTTP_PORT=9090", userData, StringComparison.Ordinal);
        Assert.Contains("readonly METRICS_PORT=9090", userData, StringComparison.Ordinal);
        Assert.Contains("readonly METRICS_LOG_GROUP='", userData, StringComparison.Ordinal);
        Assert.Contains("--publish \"127.0.0.1:$METRICS_PORT:$METRICS_PORT\"", f.Synth.NodeFile("tfe-docker.sh"), StringComparison.Ordinal);
        Assert.Contains("\"metric_namespace\": \"TerraformEnterprise\"", f.Synth.NodeFile("tfe-metrics-agent.json"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void The_Dashboard_Row_Reads_Tfe_Metrics_Of_This_Group_OPS_2()
    {
        var body = f.Body;
        var titles = body.Titles.ToList();
        Assert.True(titles.IndexOf("Nodes in service") < titles.IndexOf("TFE run capacity used (%)"));
        Assert.True(titles.IndexOf("TFE run capacity used (%)") < titles.IndexOf("Load balancer requests"));
        var tfe = body.Widgets.Where(w => ((string?)w["properties"]?["title"])?.StartsWith("TFE ", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(4, tfe.Count);
        var text = string.Join('\n', tfe.Select(w => w.ToJsonString()));
        Assert.All(Selected, name => Assert.Contains($"\"{name}\"", text, StringComparison.Ordinal));
        Assert.Contains("TerraformEnterprise", text, StringComparison.Ordinal);
        Assert.Contains("AutoScalingGroupName", text, StringComparison.Ordinal);
        Assert.Contains("100 * running / limit", text, StringComparison.Ordinal);
        Assert.Contains("DIFF(dead)", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RunCapacityAlarm", "GreaterThanOrEqualToThreshold", 90)]
    [InlineData("QueueLatencyAlarm", "GreaterThanThreshold", 300)]
    [InlineData("DeadJobsAlarm", "GreaterThanThreshold", 0)]
    [Trait("Rule", "OPS-2")]
    public void Each_Alarm_Watches_Tfe_Metrics_And_Notifies_The_Topic_OPS_2(string name, string comparison, int threshold)
    {
        var id = f.Synth.IdsOf("AWS::CloudWatch::Alarm").Single(i => i.Contains("TfeMetrics" + name, StringComparison.Ordinal));
        var alarm = Resource(id)["Properties"]!;
        Assert.Equal(comparison, (string?)alarm["ComparisonOperator"]);
        Assert.Equal(threshold, (double)alarm["Threshold"]!);
        Assert.Equal("notBreaching", (string?)alarm["TreatMissingData"]);
        Assert.Contains("TerraformEnterprise", alarm.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("AutoScalingGroupName", alarm.ToJsonString(), StringComparison.Ordinal);
        Assert.NotEmpty(alarm["AlarmActions"]!.AsArray());
        Assert.Contains(id, f.Body.AlarmIds);
    }
}
