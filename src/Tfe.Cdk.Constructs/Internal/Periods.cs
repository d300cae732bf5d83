using Amazon.CDK;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The metric periods every tier uses (1 and 5 minutes), created once per process. A <see cref="Duration"/> is an
/// immutable value, but each <c>Duration.Minutes(n)</c> call is a jsii round trip, and a deployment's metrics, alarms and
/// dashboard asked for one 45 to 80 times. Created on first use, so the jsii runtime is already running.
/// </summary>
internal static class Periods
{
    private static Duration? _oneMinute;
    private static Duration? _fiveMinutes;

    /// <summary>1 minute: the period of the Auto Scaling group metrics and TFE's own gauges.</summary>
    public static Duration OneMinute => _oneMinute ??= Duration.Minutes(1);

    /// <summary>5 minutes: the period of the load balancer, database, cache and alarm metrics.</summary>
    public static Duration FiveMinutes => _fiveMinutes ??= Duration.Minutes(5);
}
