using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The shape every tier's <c>Metric…</c> method shares: a default statistic and period, which the caller's options
/// override field by field (as aws-cdk-lib's <c>metric(name, { statistic: 'Average', ...props })</c> does).
/// </summary>
internal static class TierMetrics
{
    /// <summary>The caller's options, with <paramref name="statistic"/> and <paramref name="period"/> where they set none.</summary>
    public static MetricOptions WithDefaults(MetricOptions? options, string statistic, Duration period) => new()
    {
        Statistic = options?.Statistic ?? statistic,
        Period = options?.Period ?? period,
        Label = options?.Label,
        Color = options?.Color,
        Unit = options?.Unit,
        Account = options?.Account,
        Region = options?.Region,
        DimensionsMap = options?.DimensionsMap,
    };

    /// <summary>A metric in <paramref name="metricNamespace"/> with the resource's dimensions, plus any the caller adds.</summary>
    public static Metric Of(string metricNamespace, string metricName, IDictionary<string, string> dimensions, MetricOptions options)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in options.DimensionsMap ?? new Dictionary<string, string>())
        {
            merged[key] = value;
        }

        foreach (var (key, value) in dimensions)
        {
            merged[key] = value;
        }

        return new Metric(new MetricProps
        {
            Namespace = metricNamespace,
            MetricName = metricName,
            DimensionsMap = merged,
            Statistic = options.Statistic,
            Period = options.Period,
            Label = options.Label,
            Color = options.Color,
            Unit = options.Unit,
            Account = options.Account,
            Region = options.Region,
        });
    }
}
