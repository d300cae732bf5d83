using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SNS;
using Constructs;
using AlarmFactory = Tfe.Cdk.Constructs.Alarms;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// TFE's own metrics in CloudWatch (<see cref="TfeAppTierOptions.TfeMetrics"/>): runs against capacity, the background
/// job queue and jobs that failed for good, with their alarms. Each node serves TFE's metrics endpoint on its loopback only
/// (<c>TFE_METRICS_ENABLE</c>, port 9090 published on 127.0.0.1, no security group rule); the CloudWatch agent on the node
/// scrapes it every 10 seconds and writes the selected metrics as embedded metric format events to <see cref="LogGroup"/>,
/// from which CloudWatch extracts them into the namespace <see cref="Namespace"/>, one dimension
/// <c>AutoScalingGroupName</c> (the deployment's group). See docs/tfe-metrics.md.
/// </summary>
/// <remarks>
/// The metric names are TFE's, in Prometheus spelling (dots become underscores), from HashiCorp's "Container metrics
/// reference". Values from every node of the group land on the same metric: an average is the per-node average, a
/// maximum the worst node. The Sidekiq queue metrics describe the shared queue (every node reports the same value).
/// </remarks>
public class TfeNodeMetrics : Construct
{
    /// <summary>The CloudWatch namespace the metrics are extracted into (the agent's <c>metric_namespace</c>).</summary>
    public const string Namespace = "TerraformEnterprise";

    /// <summary>TFE's metrics HTTP port (<c>TFE_METRICS_HTTP_PORT</c>, HashiCorp's default), published on the node's loopback only.</summary>
    public const int HttpPort = 9090;

    /// <summary>The metric's dimension: the name of the nodes' Auto Scaling group, which the node reads from its instance tags.</summary>
    public const string Dimension = "AutoScalingGroupName";

    /// <summary>The TFE settings this feature manages (refused in <c>AdditionalSettings</c>).</summary>
    internal static readonly IReadOnlyList<string> SettingKeys = ["TFE_METRICS_ENABLE", "TFE_METRICS_HTTP_PORT", "TFE_METRICS_HTTPS_PORT"];

    private readonly string _groupName;
    private readonly List<Alarm> _alarms = [];

    internal TfeNodeMetrics(Construct scope, string id, string autoScalingGroupName, IKey logKey, RetentionDays retention, IRole nodeRole)
        : base(scope, id)
    {
        _groupName = autoScalingGroupName;
        LogGroup = LogEncryption.RetainedLogGroup(this, "Logs", logKey, retention);
        // The agent creates its log stream and puts events: nothing else, on this group only. The Logs service itself
        // encrypts with the key and extracts the metrics, so the node needs neither kms:* nor cloudwatch:PutMetricData.
        LogGroup.GrantWrite(nodeRole);
    }

    /// <summary>The log group the agent writes the embedded metric format events to (encrypted with the deployment's key).</summary>
    public LogGroup LogGroup { get; }

    /// <summary>The alarms on TFE's metrics: run capacity, queue latency, jobs that failed for good.</summary>
    public IReadOnlyList<Alarm> Alarms => _alarms;

    /// <summary>The settings the node's TFE container gets: metrics on, HTTP port 9090.</summary>
    internal static IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("TFE_METRICS_ENABLE", "true"),
        new("TFE_METRICS_HTTP_PORT", HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    /// <summary>Run containers running on a node (<c>tfe_run_count</c>, TFE's <c>tfe.run.count</c>); average over the nodes, 1 minute.</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    public IMetric MetricRunsRunning(MetricOptions? options = null) => Of("tfe_run_count", options, Stats.AVERAGE, Periods.OneMinute);

    /// <summary>The runs a node may run at once (<c>tfe_run_limit</c>, TFE's <c>tfe.run.limit</c>, <c>TFE_CAPACITY_CONCURRENCY</c>); average over the nodes, 1 minute.</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    public IMetric MetricRunLimit(MetricOptions? options = null) => Of("tfe_run_limit", options, Stats.AVERAGE, Periods.OneMinute);

    /// <summary>
    /// The run capacity in use, in percent: <c>100 × tfe_run_count / tfe_run_limit</c> (averages over the nodes, which is the
    /// group's total over its total while every node reports); 5 minutes. At 100 % new runs wait for a free slot.
    /// </summary>
    /// <param name="period">The period; default 5 minutes.</param>
    /// <returns>The metric math expression.</returns>
    public IMetric MetricRunCapacityUsed(Duration? period = null) => new MathExpression(new MathExpressionProps
    {
        Expression = "100 * running / limit",
        UsingMetrics = new Dictionary<string, IMetric>
        {
            ["running"] = MetricRunsRunning(new MetricOptions { Period = period ?? Periods.FiveMinutes }),
            ["limit"] = MetricRunLimit(new MetricOptions { Period = period ?? Periods.FiveMinutes }),
        },
        Label = "Run capacity used (%)",
        Period = period ?? Periods.FiveMinutes,
    });

    /// <summary>Seconds the oldest background job has waited in its queue (<c>sidekiq_sidekiq_queue_latency</c>); maximum, 1 minute.</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    public IMetric MetricQueueLatency(MetricOptions? options = null) => Of("sidekiq_sidekiq_queue_latency", options, Stats.MAXIMUM, Periods.OneMinute);

    /// <summary>Background jobs waiting in the queues (<c>sidekiq_sidekiq_enqueued</c>); maximum, 1 minute.</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    public IMetric MetricJobsEnqueued(MetricOptions? options = null) => Of("sidekiq_sidekiq_enqueued", options, Stats.MAXIMUM, Periods.OneMinute);

    /// <summary>Background jobs being worked on (<c>sidekiq_sidekiq_busy</c>); maximum, 1 minute.</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    public IMetric MetricJobsBusy(MetricOptions? options = null) => Of("sidekiq_sidekiq_busy", options, Stats.MAXIMUM, Periods.OneMinute);

    /// <summary>Background job failures, a running total (<c>sidekiq_sidekiq_failed</c>); maximum, 5 minutes.</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    public IMetric MetricJobsFailed(MetricOptions? options = null) => Of("sidekiq_sidekiq_failed", options, Stats.MAXIMUM, Periods.FiveMinutes);

    /// <summary>Background jobs that failed every retry, the dead set's size (<c>sidekiq_sidekiq_dead</c>); maximum, 5 minutes.</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    public IMetric MetricJobsDead(MetricOptions? options = null) => Of("sidekiq_sidekiq_dead", options, Stats.MAXIMUM, Periods.FiveMinutes);

    /// <summary>Jobs that newly failed for good in each period: <c>DIFF</c> of <see cref="MetricJobsDead"/>; 5 minutes.</summary>
    /// <returns>The metric math expression.</returns>
    public IMetric MetricNewDeadJobs() => new MathExpression(new MathExpressionProps
    {
        Expression = "DIFF(dead)",
        UsingMetrics = new Dictionary<string, IMetric> { ["dead"] = MetricJobsDead() },
        Label = "Jobs failed for good",
        Period = Periods.FiveMinutes,
    });

    /// <summary>Defines the alarms (OPS-2), wired to the deployment's alarm topic.</summary>
    internal void AddAlarms(ITopic topic)
    {
        _alarms.Add(AlarmFactory.Create(this, "RunCapacityAlarm", MetricRunCapacityUsed(),
            90, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            "TFE runs use 90% or more of the nodes' run capacity (tfe_run_count / tfe_run_limit) for 15 minutes: new runs "
            + "wait for a slot. Raise TFE_CAPACITY_CONCURRENCY with the node size, or add Active/Active nodes.",
            topic, treatMissingData: TreatMissingData.NOT_BREACHING));
        _alarms.Add(AlarmFactory.Create(this, "QueueLatencyAlarm", MetricQueueLatency(new MetricOptions { Period = Periods.FiveMinutes }),
            300, ComparisonOperator.GREATER_THAN_THRESHOLD,
            "TFE's oldest background job (runs among them) has waited more than 5 minutes for 15 minutes: check Redis, the "
            + "nodes' CPU and the container logs.",
            topic, treatMissingData: TreatMissingData.NOT_BREACHING));
        _alarms.Add(AlarmFactory.Create(this, "DeadJobsAlarm", MetricNewDeadJobs(),
            0, ComparisonOperator.GREATER_THAN_THRESHOLD,
            "TFE background jobs failed every retry in the last 5 minutes (Sidekiq dead set grew): runs or their steps may "
            + "have errored; read the container logs for the job's error.",
            topic, evaluationPeriods: 1, treatMissingData: TreatMissingData.NOT_BREACHING));
    }

    private Metric Of(string name, MetricOptions? options, string statistic, Duration period) => TierMetrics.Of(
        Namespace, name, new Dictionary<string, string> { [Dimension] = _groupName }, TierMetrics.WithDefaults(options, statistic, period));
}
