using Amazon.CDK.AWS.CloudWatch;
using System.Text.Json.Nodes;

namespace Tfe.Cdk.Tests.Monitoring;

/// <summary>The Active/Active dashboard behind an ALB, with the disaster-recovery rows; one synth for the class.</summary>
public sealed class TfeDashboardActiveActiveTests(ActiveActiveMonitoringFixture f) : IClassFixture<ActiveActiveMonitoringFixture>
{
    private readonly DashboardBody body = f.Body;

    public static TheoryData<string, string, string[]> Graphs => new()
    {
        { "Nodes in service", "AWS/AutoScaling", ["GroupInServiceInstances", "GroupDesiredCapacity"] },
        { "Load balancer health checks", "AWS/ApplicationELB", ["HealthyHostCount", "UnHealthyHostCount"] },
        { "Node CPU (%)", "AWS/EC2", ["CPUUtilization"] },
        { "Load balancer requests", "AWS/ApplicationELB", ["RequestCount"] },
        { "5xx responses", "AWS/ApplicationELB", ["HTTPCode_Target_5XX_Count", "HTTPCode_ELB_5XX_Count"] },
        { "Response time (seconds)", "AWS/ApplicationELB", ["TargetResponseTime"] },
        { "Database CPU (%)", "AWS/RDS", ["CPUUtilization"] },
        { "Database connections", "AWS/RDS", ["DatabaseConnections"] },
        { "Database latency (seconds)", "AWS/RDS", ["ReadLatency", "WriteLatency"] },
        { "Database free storage (bytes)", "AWS/RDS", ["FreeStorageSpace"] },
        { "Database freeable memory (bytes)", "AWS/RDS", ["FreeableMemory"] },
        { "Cache engine CPU (%)", "AWS/ElastiCache", ["EngineCPUUtilization"] },
        { "Cache memory (%)", "AWS/ElastiCache", ["DatabaseMemoryUsagePercentage"] },
        { "Cache evictions", "AWS/ElastiCache", ["Evictions"] },
        { "Cache connections", "AWS/ElastiCache", ["CurrConnections"] },
        { "Cache replication lag (seconds)", "AWS/ElastiCache", ["ReplicationLag"] },
        { "Database replica lag (seconds)", "AWS/RDS", ["ReplicaLag"] },
        { "S3 replication latency (seconds)", "AWS/S3", ["ReplicationLatency"] },
        { "S3 replication operations", "AWS/S3", ["OperationsPendingReplication", "OperationsFailedReplication"] },
        { "S3 bytes pending replication", "AWS/S3", ["BytesPendingReplication"] },
    };

    [Theory]
    [MemberData(nameof(Graphs))]
    public void Graph_Shows_Its_Metrics(string title, string metricNamespace, string[] metricNames)
    {
        var metrics = DashboardBody.Metrics(body.Widget(title));
        Assert.All(metrics, m => Assert.Equal(metricNamespace, m.Namespace));
        Assert.Equal(metricNames.Order(), metrics.Select(m => m.Name).Distinct().Order());
    }

    [Fact]
    public void Rows_Come_In_Operator_Order_Alarms_First()
    {
        Assert.Equal("text", (string?)body.Widgets[0]["type"]);
        Assert.Equal("alarm", (string?)body.Widgets[1]["type"]);
        var titles = body.Titles.ToList();
        Assert.True(titles.IndexOf("Nodes in service") < titles.IndexOf("Load balancer requests"));
        Assert.True(titles.IndexOf("Load balancer requests") < titles.IndexOf("Database CPU (%)"));
        Assert.True(titles.IndexOf("Database CPU (%)") < titles.IndexOf("Cache engine CPU (%)"));
        Assert.True(titles.IndexOf("Cache engine CPU (%)") < titles.IndexOf("Database replica lag (seconds)"));
    }

    [Fact]
    public void Alarm_Widget_Shows_Every_Alarm_Of_The_Deployment()
    {
        var alarms = f.Synth.IdsOf("AWS::CloudWatch::Alarm");
        Assert.True(alarms.Count >= 14, $"expected the app, data and cache alarms, found {alarms.Count}");
        Assert.Equal(alarms.Order(), body.AlarmIds.Order());
    }

    [Fact]
    public void Response_Time_Shows_p50_And_p99()
    {
        var stats = DashboardBody.Metrics(body.Widget("Response time (seconds)")).Select(m => (string?)m.Options?["stat"]);
        Assert.Equal(["p50", "p99"], stats);
    }

    [Fact]
    public void Cache_Graphs_Cover_Every_Cache_Node_Because_The_Primary_Moves_On_Failover()
    {
        var cpu = body.Widget("Cache engine CPU (%)")["properties"]!["metrics"]!.AsArray();
        Assert.Contains(cpu, m => m![0]!["expression"]?.ToString() == "MAX([n1, n2, n3])");
        Assert.Equal(3, DashboardBody.Metrics(body.Widget("Cache engine CPU (%)")).Count);
    }

    [Fact]
    public void Replication_Rows_Name_The_Replica_And_The_Rule()
    {
        var lag = DashboardBody.Metrics(body.Widget("Database replica lag (seconds)")).Single();
        Assert.Contains(ActiveActiveMonitoringFixture.ReplicaId, body.Widget("Database replica lag (seconds)").ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("ReplicaLag", lag.Name);
        var s3 = body.Widget("S3 replication operations").ToJsonString();
        Assert.Contains("\"SourceBucket\",\"Ref:TfeDataBucket", s3, StringComparison.Ordinal);
        Assert.Contains($"\"DestinationBucket\",\"{ActiveActiveMonitoringFixture.DrBucketName}\"", s3, StringComparison.Ordinal);
        Assert.Contains("\"RuleId\",\"ReplicateToDr\"", s3, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_Is_Generated_By_CloudFormation_And_Given_As_An_Output()
    {
        var id = f.Synth.IdsOf("AWS::CloudWatch::Dashboard").Single();
        Assert.Null(f.Synth.AllResources[id]!["Properties"]!["DashboardName"]);
        var output = f.Synth.Json["Outputs"]!.AsObject().Single(o => o.Key.StartsWith("TfeDashboardName", StringComparison.Ordinal));
        Assert.Equal(id, (string?)output.Value!["Value"]!["Ref"]);
    }

    [Fact]
    public void Alarms_And_Graphs_Read_The_Same_Metric_Methods()
    {
        var app = f.Tfe.App;
        var inService = (Metric)app.MetricGroupInServiceInstances();
        Assert.Equal(("GroupInServiceInstances", "Minimum", 60d), (inService.MetricName, inService.Statistic, inService.Period.ToSeconds()));
        var cpuAlarm = f.Synth.IdsOf("AWS::CloudWatch::Alarm").Single(id => id.Contains("NodeCpuAlarm", StringComparison.Ordinal));
        var cpu = (Metric)app.MetricCpuUtilization();
        Assert.Equal(cpu.MetricName, (string?)f.Synth.AllResources[cpuAlarm]!["Properties"]!["MetricName"]);
        Assert.Equal(cpu.Statistic, (string?)f.Synth.AllResources[cpuAlarm]!["Properties"]!["Statistic"]);
        var dbCpuAlarm = f.Synth.IdsOf("AWS::CloudWatch::Alarm").Single(id => id.Contains("DatabaseCpuAlarm", StringComparison.Ordinal));
        Assert.Equal("CPUUtilization", (string?)f.Synth.AllResources[dbCpuAlarm]!["Properties"]!["MetricName"]);
        Assert.Equal("p99", ((Metric)app.MetricTargetResponseTime(new MetricOptions { Statistic = "p99" })).Statistic);
    }

    [Fact]
    public void Backup_Tool_Reads_Object_Storage_And_Nothing_More()
    {
        var statements = RoleStatements(f.BackupRoleId);
        var actions = statements.SelectMany(Actions).ToList();
        Assert.Contains("s3:GetObject", actions);
        Assert.Contains("s3:ListBucket", actions);
        Assert.Contains("kms:Decrypt", actions);
        Assert.DoesNotContain(actions, a => a is "s3:PutObject" or "s3:DeleteObject" or "kms:Encrypt" or "kms:GenerateDataKey");
    }

    [Fact]
    public void Restore_Tool_Reads_The_Encryption_Password()
    {
        var statements = RoleStatements(f.RestoreRoleId);
        var secretRead = statements.Single(s => Actions(s).Contains("secretsmanager:GetSecretValue"));
        Assert.Contains("TfeAppEncryptionPassword", secretRead["Resource"]!.ToJsonString(), StringComparison.Ordinal);
    }

    private IEnumerable<System.Text.Json.Nodes.JsonNode> RoleStatements(string roleId) =>
        f.Synth.IdsOf("AWS::IAM::Policy")
            .Select(id => f.Synth.AllResources[id]!["Properties"]!)
            .Where(p => p["Roles"]!.ToJsonString().Contains(roleId, StringComparison.Ordinal))
            .SelectMany(p => p["PolicyDocument"]!["Statement"]!.AsArray())
            .Select(s => s!);

    private static IEnumerable<string> Actions(System.Text.Json.Nodes.JsonNode statement) =>
        statement["Action"] is System.Text.Json.Nodes.JsonArray list ? list.Select(a => (string)a!) : [(string)statement["Action"]!];

    // Issue 18: a principal given GrantReadEncryptionPassword is admitted by the secret's read-deny policy too.
    [Fact]
    public void A_Restore_Tool_Granted_The_Encryption_Password_Is_Admitted_By_Its_Policy_And_By_No_Other()
    {
        var t = f.Synth;
        var password = t.IdsOf("AWS::SecretsManager::Secret").Single(id => id.Contains("EncryptionPassword", StringComparison.Ordinal));
        JsonNode Readers(Func<string, bool> secret) => t.IdsOf("AWS::SecretsManager::ResourcePolicy")
            .Select(id => t.AllResources[id]!["Properties"]!)
            .Single(p => secret((string)p["SecretId"]!["Ref"]!))["ResourcePolicy"]!["Statement"]![0]!["Condition"]!["ArnNotLike"]!["aws:PrincipalArn"]!;

        bool Admits(JsonNode readers, string roleId) =>
            readers.AsArray().Any(r => r is JsonObject o && o["Fn::GetAtt"] is JsonArray a && (string?)a[0] == roleId);

        Assert.True(Admits(Readers(id => id == password), f.RestoreRoleId));
        Assert.False(Admits(Readers(id => id.Contains("DatabaseSecret", StringComparison.Ordinal)), f.RestoreRoleId));
        Assert.False(Admits(Readers(id => id == password), f.BackupRoleId));
    }
}
