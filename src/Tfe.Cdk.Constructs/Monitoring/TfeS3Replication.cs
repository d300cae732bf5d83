using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.S3;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// An S3 replication rule to watch (for example the application bucket's replication into another region, DR-4), with
/// its replication metrics (AWS/S3, by source bucket, destination bucket and rule id).
/// </summary>
/// <remarks>
/// S3 publishes these metrics only for a rule whose destination has <c>Metrics { Status = Enabled }</c>, and in the
/// source bucket's region: pass <c>Region</c> in the options when the dashboard or alarm lives in another region.
/// </remarks>
public sealed record TfeS3Replication
{
    private const string Namespace = "AWS/S3";

    /// <summary>The bucket whose objects are replicated.</summary>
    public required IBucket SourceBucket { get; init; }

    /// <summary>The bucket the rule replicates into.</summary>
    public required IBucket DestinationBucket { get; init; }

    /// <summary>The replication rule's id, as written in the source bucket's replication configuration.</summary>
    public required string RuleId { get; init; }

    /// <summary>Seconds the destination is behind the source (<c>ReplicationLatency</c>); maximum over 5 minutes.</summary>
    /// <param name="options">Overrides (statistic, period, label, region, …).</param>
    /// <returns>The metric.</returns>
    public IMetric MetricReplicationLatency(MetricOptions? options = null) => Of("ReplicationLatency", Stats.MAXIMUM, options);

    /// <summary>Objects waiting to be replicated (<c>OperationsPendingReplication</c>); maximum over 5 minutes.</summary>
    /// <param name="options">Overrides (statistic, period, label, region, …).</param>
    /// <returns>The metric.</returns>
    public IMetric MetricOperationsPendingReplication(MetricOptions? options = null) => Of("OperationsPendingReplication", Stats.MAXIMUM, options);

    /// <summary>Objects that failed to replicate (<c>OperationsFailedReplication</c>); sum over 5 minutes.</summary>
    /// <param name="options">Overrides (statistic, period, label, region, …).</param>
    /// <returns>The metric.</returns>
    public IMetric MetricOperationsFailedReplication(MetricOptions? options = null) => Of("OperationsFailedReplication", Stats.SUM, options);

    /// <summary>Bytes waiting to be replicated (<c>BytesPendingReplication</c>); maximum over 5 minutes.</summary>
    /// <param name="options">Overrides (statistic, period, label, region, …).</param>
    /// <returns>The metric.</returns>
    public IMetric MetricBytesPendingReplication(MetricOptions? options = null) => Of("BytesPendingReplication", Stats.MAXIMUM, options);

    private Metric Of(string metricName, string statistic, MetricOptions? options) => TierMetrics.Of(
        Namespace,
        metricName,
        new Dictionary<string, string>
        {
            ["SourceBucket"] = SourceBucket.BucketName,
            ["DestinationBucket"] = DestinationBucket.BucketName,
            ["RuleId"] = RuleId,
        },
        TierMetrics.WithDefaults(options, statistic, Periods.FiveMinutes));
}
