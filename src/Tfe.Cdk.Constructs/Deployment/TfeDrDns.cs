using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.Route53;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// DNS of a DR pair (NET-3, DR-5) with CDK 2.160, which has no failover routing or health check L2 (both L1 here).
/// </summary>
/// <remarks>
/// <para>Each region defines a canonical name <c>&lt;prefix&gt;-&lt;region&gt;.&lt;zone&gt;</c>, an alias to its load balancer
/// (NET-3), and a CloudWatch alarm <c>&lt;prefix&gt;-&lt;region&gt;-serving</c> that is OK while that load balancer has a
/// healthy TFE node. Health checks are alarm-based, so they work for internal load balancers, which Route 53's checkers
/// cannot reach.</para>
/// <para>The failover pair for the hostname lives in the DR stack, deployed last and in the region that still works when the
/// primary region fails: PRIMARY aliases the primary's canonical name behind a calculated gate (primary serving AND DR not
/// serving); SECONDARY aliases the DR canonical name behind the DR serving check. So DNS moves only once the DR site serves
/// (after a human promoted it), and never moves back on its own to a recovered primary with a stale database: while the DR
/// site serves, the gate keeps the primary unhealthy. A latch (<see cref="TfeDrLatch"/>) holds that state once the standby
/// database was promoted or restored, even while the DR nodes are replaced: fail-back is rebuilding the pair.</para>
/// </remarks>
internal static class TfeDrDns
{
    /// <summary>The primary's half: its canonical name and serving alarm (the DR stack's health checks read that alarm).</summary>
    public static ARecord Primary(Construct scope, IHostedZone zone, TfeAppTier app, TfeDrNames names)
    {
        var region = names.Settings.PrimaryRegion;
        ServingAlarm(scope, app, names, region);
        return Regional(scope, zone, app, names, region);
    }

    /// <summary>The DR half: its canonical name and serving alarm, the latch, the health checks and both failover records of the hostname.</summary>
    /// <param name="scope">The DR region construct.</param>
    /// <param name="zone">The hosted zone of the hostname.</param>
    /// <param name="hostname">The hostname.</param>
    /// <param name="app">The DR app tier.</param>
    /// <param name="names">The pair's names.</param>
    /// <param name="latch">The fail-back latch's alarms.</param>
    public static ARecord Secondary(Construct scope, IHostedZone zone, string hostname, TfeAppTier app, TfeDrNames names, TfeDrLatch.Alarms latch)
    {
        var primary = names.Settings.PrimaryRegion;
        var dr = names.Settings.DrRegion;
        var alarm = ServingAlarm(scope, app, names, dr);
        var regional = Regional(scope, zone, app, names, dr);

        var drServing = AlarmCheck(scope, "DrServingHealthCheck", names.ServingAlarmName(dr), dr, inverted: false, $"{names.Prefix}: {dr} serving");
        drServing.Node.AddDependency(alarm);
        var primaryServing = AlarmCheck(scope, "PrimaryServingHealthCheck", names.ServingAlarmName(primary), primary, inverted: false, $"{names.Prefix}: {primary} serving");
        var drNotServing = AlarmCheck(scope, "DrNotServingHealthCheck", names.ServingAlarmName(dr), dr, inverted: true, $"{names.Prefix}: {dr} not serving");
        drNotServing.Node.AddDependency(alarm);

        // The latch (TfeDrLatch): once the standby database stops being a standby (promoted, or restored), the primary's
        // gate stays closed and the secondary stays eligible, whatever the nodes do, until a person rebuilds the pair.
        var intact = AlarmCheck(scope, "StandbyIntactHealthCheck", latch.IntactAlarmName, dr, inverted: false, $"{names.Prefix}: {dr} standby database not used");
        intact.Node.AddDependency(latch.Intact);
        var used = AlarmCheck(scope, "StandbyUsedHealthCheck", latch.UsedAlarmName, dr, inverted: false, $"{names.Prefix}: {dr} standby database promoted or restored");
        used.Node.AddDependency(latch.Used);

        var gate = new CfnHealthCheck(scope, "PrimaryGateHealthCheck", new CfnHealthCheckProps
        {
            HealthCheckConfig = new CfnHealthCheck.HealthCheckConfigProperty
            {
                Type = "CALCULATED",
                ChildHealthChecks = [primaryServing.AttrHealthCheckId, drNotServing.AttrHealthCheckId, intact.AttrHealthCheckId],
                HealthThreshold = 3,
            },
            HealthCheckTags = new object[] { Tag($"{names.Prefix}: {primary} serving, {dr} not serving, standby not used (no automatic fail-back)") },
        });
        var secondary = new CfnHealthCheck(scope, "SecondaryHealthCheck", new CfnHealthCheckProps
        {
            HealthCheckConfig = new CfnHealthCheck.HealthCheckConfigProperty
            {
                Type = "CALCULATED",
                ChildHealthChecks = [drServing.AttrHealthCheckId, used.AttrHealthCheckId],
                HealthThreshold = 1,
            },
            HealthCheckTags = new object[] { Tag($"{names.Prefix}: {dr} serving, or its standby database used (DNS stays after failover)") },
        });

        Failover(scope, "PrimaryFailoverRecord", zone, hostname, names, primary, "PRIMARY", gate.AttrHealthCheckId);
        Failover(scope, "SecondaryFailoverRecord", zone, hostname, names, dr, "SECONDARY", secondary.AttrHealthCheckId);
        return regional;
    }

    private static Alarm ServingAlarm(Construct scope, TfeAppTier app, TfeDrNames names, string region)
    {
        // One source of the metric: the app tier's own (target group, or Classic Load Balancer), at 1-minute resolution.
        var healthy = app.MetricHealthyHostCount(new MetricOptions { Statistic = "Minimum", Period = Periods.OneMinute });
        var alarm = new Alarm(scope, "ServingAlarm", new AlarmProps
        {
            // A fixed name: the other region's health checks name it (Route 53 reads an alarm by name and region).
            AlarmName = names.ServingAlarmName(region),
            Metric = healthy,
            Threshold = 1,
            ComparisonOperator = ComparisonOperator.LESS_THAN_THRESHOLD,
            EvaluationPeriods = 3,
            // No data means no healthy node (a standby at rest, or a region that is down): not serving.
            TreatMissingData = TreatMissingData.BREACHING,
            AlarmDescription = $"OK while the TFE load balancer in {region} has a healthy node. Route 53 failover (DR-5) follows it; in ALARM in a standby region at rest by design.",
        });

        // The deployment's alarm topic hears both transitions: ALARM when a region stops serving, OK when one starts
        // (a promoted standby). A standby at rest enters ALARM once, when it is created, and stays there.
        var action = new SnsAction(app.AlarmTopic);
        alarm.AddAlarmAction(action);
        alarm.AddOkAction(action);
        return alarm;
    }

    private static ARecord Regional(Construct scope, IHostedZone zone, TfeAppTier app, TfeDrNames names, string region)
    {
        var record = new ARecord(scope, "RegionalDns", new ARecordProps
        {
            Zone = zone,
            RecordName = names.RegionalRecordName(region, zone.ZoneName),
            Target = app.AliasTarget,
            Comment = $"Terraform Enterprise in {region}: the canonical name of this region's load balancer (NET-3), the target of the hostname's failover record",
        });
        ((CfnRecordSet)record.Node.DefaultChild!).AddPropertyOverride("AliasTarget.EvaluateTargetHealth", true);
        return record;
    }

    private static CfnHealthCheck AlarmCheck(Construct scope, string id, string alarmName, string region, bool inverted, string name) =>
        new(scope, id, new CfnHealthCheckProps
        {
            HealthCheckConfig = new CfnHealthCheck.HealthCheckConfigProperty
            {
                Type = "CLOUDWATCH_METRIC",
                AlarmIdentifier = new CfnHealthCheck.AlarmIdentifierProperty { Name = alarmName, Region = region },
                Inverted = inverted ? true : null,
                // Not enough data to tell means "not proven serving". Inverted, that lets the primary answer; and if
                // both records are unhealthy, Route 53 answers the primary anyway.
                InsufficientDataHealthStatus = "Unhealthy",
            },
            HealthCheckTags = new object[] { Tag(name) },
        });

    private static void Failover(Construct scope, string id, IHostedZone zone, string hostname, TfeDrNames names, string region, string role, string healthCheckId) =>
        new CfnRecordSet(scope, id, new CfnRecordSetProps
        {
            HostedZoneId = zone.HostedZoneId,
            Name = hostname.TrimEnd('.') + ".",
            Type = "A",
            SetIdentifier = names.SetIdentifier(region),
            Failover = role,
            HealthCheckId = healthCheckId,
            // An alias to the region's canonical name in the same zone: a deterministic name, no cross-region reference.
            AliasTarget = new CfnRecordSet.AliasTargetProperty
            {
                HostedZoneId = zone.HostedZoneId,
                DnsName = names.RegionalRecordName(region, zone.ZoneName),
                EvaluateTargetHealth = true,
            },
            Comment = $"Terraform Enterprise hostname, {role.ToLowerInvariant()} region {region} (DR-5)",
        });

    private static CfnHealthCheck.HealthCheckTagProperty Tag(string name) => new() { Key = "Name", Value = name };
}
