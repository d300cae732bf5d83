using Amazon.CDK.AWS.CloudWatch;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The PostgreSQL metrics an operator watches (AWS/RDS), named after the official metrics, so a dashboard or an alarm can
/// be built over any data tier that has a database: <see cref="TfeDataTier"/>, or a disaster-recovery data tier.
/// </summary>
/// <remarks>Each method's defaults: statistic Average, period 5 minutes; <c>options</c> override them.</remarks>
public interface ITfeDatabaseMetrics
{
    /// <summary>The database instance's CPU (<c>CPUUtilization</c>, percent).</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    IMetric MetricCpuUtilization(MetricOptions? options = null);

    /// <summary>Open client connections (<c>DatabaseConnections</c>).</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    IMetric MetricDatabaseConnections(MetricOptions? options = null);

    /// <summary>Free storage (<c>FreeStorageSpace</c>, bytes).</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    IMetric MetricFreeStorageSpace(MetricOptions? options = null);

    /// <summary>Free memory (<c>FreeableMemory</c>, bytes).</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    IMetric MetricFreeableMemory(MetricOptions? options = null);

    /// <summary>Average time of a disk read (<c>ReadLatency</c>, seconds).</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    IMetric MetricReadLatency(MetricOptions? options = null);

    /// <summary>Average time of a disk write (<c>WriteLatency</c>, seconds).</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    IMetric MetricWriteLatency(MetricOptions? options = null);
}
