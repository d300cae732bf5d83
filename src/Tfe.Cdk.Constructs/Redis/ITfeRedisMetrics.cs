using Amazon.CDK.AWS.CloudWatch;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The memory cache metrics an operator watches (AWS/ElastiCache), named after the official metrics, so a dashboard or
/// an alarm can be built over any cache: <see cref="TfeRedis"/>, or another region's.
/// </summary>
/// <remarks>Implementations return one series for the replication group (the highest over its nodes), which follows the primary on failover.</remarks>
public interface ITfeRedisMetrics
{
    /// <summary>The Redis engine thread's CPU (<c>EngineCPUUtilization</c>, percent).</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    IMetric MetricEngineCpuUtilization(MetricOptions? options = null);

    /// <summary>Memory used of the memory available for data (<c>DatabaseMemoryUsagePercentage</c>).</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    IMetric MetricDatabaseMemoryUsagePercentage(MetricOptions? options = null);

    /// <summary>Client connections (<c>CurrConnections</c>).</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    IMetric MetricCurrConnections(MetricOptions? options = null);

    /// <summary>How far the replicas are behind the primary (<c>ReplicationLag</c>, seconds).</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    IMetric MetricReplicationLag(MetricOptions? options = null);

    /// <summary>Keys evicted because memory ran out (<c>Evictions</c>).</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    IMetric MetricEvictions(MetricOptions? options = null);
}
