using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The fail-back latch of a DR pair (DR-5), from one data-plane signal of the DR region: whether the standby database is
/// still a standby. Warm: a read replica publishes the RDS metric <c>ReplicaLag</c>; once promoted it is no replica and
/// the metric stops. Cold: at rest there is no database in the DR region, so no RDS metric for its identifier; once
/// restored, <c>CPUUtilization</c> appears. Two alarms read that presence, each with the missing-data treatment that makes
/// it hold: <c>&lt;prefix&gt;-&lt;dr&gt;-standby-intact</c> (OK while the standby was not used) and
/// <c>&lt;prefix&gt;-&lt;dr&gt;-standby-used</c> (OK once it was). No template change sets the latch and none clears it:
/// promoting (a DR-stack deploy) sets it, and only a rebuilt pair (a new replica, or no restored database) clears it.
/// </summary>
/// <remarks>
/// The primary's nodes read the same alarm at boot (the node-side fence, docs/disaster-recovery.md): its name is
/// deterministic, so it is known in the primary region without any cross-region reference.
/// </remarks>
internal static class TfeDrLatch
{
    /// <summary>The two alarms and their names.</summary>
    public sealed record Alarms(Alarm Intact, string IntactAlarmName, Alarm Used, string UsedAlarmName);

    /// <summary>The alarm that is OK while the standby database was not promoted or restored (the fence reads it).</summary>
    public static string IntactAlarmName(TfeDrNames names) => IntactAlarmName(names.Settings);

    /// <summary>The same name from the shared settings alone (the primary's node fence, which has no DR names).</summary>
    public static string IntactAlarmName(TfeDisasterRecovery settings) => $"{settings.NamePrefix}-{settings.DrRegion}-standby-intact";

    /// <summary>The alarm that is OK once the standby database was promoted or restored.</summary>
    public static string UsedAlarmName(TfeDrNames names) => $"{names.Prefix}-{names.Settings.DrRegion}-standby-used";

    /// <summary>Minutes of consistent data before the latch moves (a single missing datapoint moves nothing).</summary>
    public const int EvaluationMinutes = 5;

    public static Alarms Define(Construct scope, TfeAppTier app, TfeDrNames names, IConstruct? database)
    {
        var warm = names.StandbyMode == TfeStandbyMode.Warm;
        // Warm: the metric is present while intact. Cold: present once used.
        var metric = new Metric(new MetricProps
        {
            Namespace = "AWS/RDS",
            MetricName = warm ? "ReplicaLag" : "CPUUtilization",
            DimensionsMap = new Dictionary<string, string> { ["DBInstanceIdentifier"] = names.DatabaseIdentifier },
            Statistic = "Maximum",
            Period = Periods.OneMinute,
        });
        var what = warm
            ? $"the DR database {names.DatabaseIdentifier} publishes ReplicaLag (it is still a read replica)"
            : $"no DR database {names.DatabaseIdentifier} publishes CPUUtilization (none was restored)";
        var intact = Presence(scope, "StandbyIntactAlarm", IntactAlarmName(names), metric, okWhenPresent: warm,
            $"OK while {what}. ALARM: the standby was promoted or restored; the fail-back latch holds DNS on the DR region and the primary's nodes must not start TFE (docs/disaster-recovery.md).");
        var used = Presence(scope, "StandbyUsedAlarm", UsedAlarmName(names), metric, okWhenPresent: !warm,
            "OK once the standby database was promoted or restored: the DR region keeps the hostname even while its nodes are replaced (the fail-back latch). In ALARM at rest by design.");

        var action = new SnsAction(app.AlarmTopic);
        foreach (var alarm in new[] { intact, used })
        {
            alarm.AddAlarmAction(action);
            alarm.AddOkAction(action);
        }
        if (database is not null)
        {
            // A replica publishes ReplicaLag only once it exists: create the alarms after it, so they never start on a
            // standby that is merely not there yet.
            intact.Node.AddDependency(database);
            used.Node.AddDependency(database);
        }

        return new Alarms(intact, IntactAlarmName(names), used, UsedAlarmName(names));
    }

    /// <summary>
    /// An alarm on the presence of <paramref name="metric"/>: every datapoint satisfies "≥ -1" and none "&lt; -1" (RDS CPU and
    /// replica lag are never below -1), so the threshold only sorts present from missing, and the missing-data treatment
    /// decides the other state.
    /// </summary>
    private static Alarm Presence(Construct scope, string id, string name, Metric metric, bool okWhenPresent, string description) =>
        new(scope, id, new AlarmProps
        {
            AlarmName = name,
            Metric = metric,
            Threshold = -1,
            ComparisonOperator = okWhenPresent ? ComparisonOperator.LESS_THAN_THRESHOLD : ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            EvaluationPeriods = EvaluationMinutes,
            TreatMissingData = okWhenPresent ? TreatMissingData.BREACHING : TreatMissingData.NOT_BREACHING,
            AlarmDescription = description,
        });
}
