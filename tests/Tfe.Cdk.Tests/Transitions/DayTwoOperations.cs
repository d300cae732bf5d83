namespace Tfe.Cdk.Tests.Transitions;

/// <summary>What an operation does to a running deployment, as the template diff shows it.</summary>
public enum DayTwoEffect
{
    /// <summary>No stateful resource changes; other resources are added or updated in place.</summary>
    NothingStateful,

    /// <summary>Stateful resources are updated in place (no create-only property changes): their data stays.</summary>
    StatefulInPlace,

    /// <summary>The launch template changes: the Auto Scaling group replaces the nodes (TFE restarts).</summary>
    ReplacesNodes,

    /// <summary>A stateful resource would be replaced or lose its logical id: never do it (a negative control of the checker).</summary>
    ReplacesStateful,

    /// <summary>The library refuses the change at synth with a rule id.</summary>
    Refused,
}

/// <summary>One day-two operation: a user change to a running deployment, as a pair of synthesized stacks (or a refusal).</summary>
/// <param name="Name">What the user does.</param>
/// <param name="Props">The props that change.</param>
/// <param name="Before">The key of the "before" stack in <see cref="DayTwoApps.Templates"/>.</param>
/// <param name="After">The key of the "after" stack, or of the refused variant in <see cref="DayTwoApps.Refusals"/>.</param>
/// <param name="Expected">What the diff must show.</param>
/// <param name="Note">What it means for the operator (the docs table's last column).</param>
/// <param name="Allowed">Conditionally create-only properties the operation changes on purpose, as <c>Type.Property</c>, with the reason in <paramref name="Note"/>.</param>
/// <param name="RuleId">For a refused operation: the rule id of the refusal.</param>
public sealed record DayTwoOperation(string Name, string Props, string Before, string After, DayTwoEffect Expected, string Note,
    string[]? Allowed = null, string? RuleId = null)
{
    public override string ToString() => Name;
}

/// <summary>The operations the transition suite checks and docs/day-two.md lists, in that order.</summary>
public static class DayTwoOperations
{
    private const string NodeReplacement =
        "Standalone: TFE is down from the old node's termination until the new node passes its health checks (about 10-20 minutes, at most BootTimeout). Active/Active: the whole group is replaced the same way (OPS-4).";

    public static readonly IReadOnlyList<DayTwoOperation> All =
    [
        new("Upgrade TFE", "TfeVersion", "standalone", "standalone-version", DayTwoEffect.ReplacesNodes,
            NodeReplacement + " TFE migrates the database on the first start of the new release; take a snapshot first."),
        new("Resize the nodes", "InstanceType", "standalone", "standalone-resize-nodes", DayTwoEffect.ReplacesNodes, NodeReplacement),
        new("Resize the database", "Data.DatabaseInstanceType", "standalone", "standalone-resize-db", DayTwoEffect.StatefulInPlace,
            "RDS modifies the instance in place; Multi-AZ fails over to the resized standby (a minute or two of database errors)."),
        new("Scale the nodes", "NodeCount", "aa", "aa-scale", DayTwoEffect.NothingStateful,
            "Active/Active: the group grows (or drains and shrinks); the running nodes stay."),
        new("Switch the database to IAM authentication", "Data.DatabaseAuthentication", "aa", "aa-db-iam", DayTwoEffect.ReplacesNodes,
            NodeReplacement + " RDS turns IAM authentication on in place (no restart); before the new nodes start, the database-user custom resource creates the IAM login role and hands it TFE's database and the objects the master user owned (docs/passwordless-database.md)."),
        new("Resize the cache", "Redis.NodeType", "aa", "aa-resize-cache", DayTwoEffect.StatefulInPlace,
            "ElastiCache modifies the replication group in place (online scaling); the cache content stays."),
        new("Switch the cache to IAM authentication", "Redis.Authentication", "aa", "aa-cache-iam", DayTwoEffect.ReplacesNodes,
            "Adds the ElastiCache users and user group; the replication group drops AuthToken and gains UserGroupIds. CloudFormation's schema marks AuthToken conditionally create-only: if it replaces the replication group, the cache is re-paved by design (REDIS-9: TFE's queued background work is lost; nothing durable is). The AUTH token secret is kept (retained, no longer read) so a switch back reuses it. The nodes are replaced with the passwordless settings; nodes still on the token cannot authenticate once the user group is on, so plan a window. " + NodeReplacement,
            Allowed: ["AWS::ElastiCache::ReplicationGroup.AuthToken"]),
        new("Change the load balancer type", "LoadBalancerType", "standalone", "standalone-classic", DayTwoEffect.NothingStateful,
            "A new load balancer is created and the old one deleted; the nodes stay and register with the new one. TFE is unreachable until the hostname follows the new DNS name (automatic with HostedZone, else change the CNAME)."),
        new("Add a hosted zone", "HostedZone", "standalone", "standalone-zone", DayTwoEffect.NothingStateful,
            "Adds the alias record; nothing running changes."),
        new("Turn on AWS Backup", "Data.DatabaseBackupPlan", "standalone", "standalone-backups", DayTwoEffect.NothingStateful,
            "Adds a backup vault and plan; the database is only selected."),
        new("Attach a WAF web ACL", "LoadBalancerWebAclArn", "standalone", "standalone-waf", DayTwoEffect.NothingStateful,
            "Adds the association to the load balancer."),
        new("Turn on the dashboard", "Dashboard", "standalone", "standalone-dashboard", DayTwoEffect.NothingStateful,
            "Adds the CloudWatch dashboard."),
        new("Add a warm standby to Standalone", "DisasterRecovery (Warm)", "standalone", "standalone-dr-warm", DayTwoEffect.ReplacesNodes,
            "Stateful resources change only in update-safe properties: secret replicas, the bucket's replication rule; the database, its secret and the encryption password keep their names, logical ids and values. The nodes are replaced once: their configuration gains the fail-back fence (the DR latch alarm they read at boot, DR-5). Deploy TfeDrStorage first, then this, then TfeDrRegion. " + NodeReplacement),
        new("Add a cold standby to Standalone", "DisasterRecovery (Cold)", "standalone", "standalone-dr-cold", DayTwoEffect.ReplacesNodes,
            "As the warm standby, plus backup replication on the database (in place)."),
        new("Add a warm standby to Active/Active", "DisasterRecovery (Warm)", "aa", "aa-dr-warm", DayTwoEffect.ReplacesNodes,
            "As for Standalone."),
        new("Add a cold standby to Active/Active", "DisasterRecovery (Cold)", "aa", "aa-dr-cold", DayTwoEffect.ReplacesNodes,
            "As for Standalone."),
        new("Standalone to Active/Active", "TfeStandalone -> TfeActiveActive (same id)", "standalone", "standalone-to-aa", DayTwoEffect.ReplacesNodes,
            "The database, secrets and bucket stay (same construct paths); a Redis cache is added and TFE restarts in active-active mode. " + NodeReplacement),
        new("Fail over (warm): promote", "TfeDrRegionProps.Promoted false -> true", "pair-warm/dr", "pair-warm-promoted/dr", DayTwoEffect.StatefulInPlace,
            "CloudFormation promotes the replica in place (SourceDBInstanceIdentifier removed) and turns its backups on; only the DR stack changes.",
            Allowed: ["AWS::RDS::DBInstance.SourceDBInstanceIdentifier", "AWS::RDS::DBInstance.BackupRetentionPeriod"]),
        new("Fail over (cold): restore", "TfeDrRegionProps.RestoreSource + Promoted", "pair-cold/dr", "pair-cold-restored/dr", DayTwoEffect.ReplacesNodes,
            "Creates the restored database and points the launch template at it (the group had no node at rest; it starts N). Keep RestoreSource on every later deploy (its properties are create-only)."),
        new("Fail back by un-promoting", "TfeDrRegionProps.Promoted true -> false", "pair-warm-promoted/dr", "pair-warm/dr", DayTwoEffect.ReplacesStateful,
            "Never: it would make the promoted database (now the only current copy) a replica again, which CloudFormation can only do by replacing it; the database has a fixed identifier, so CloudFormation refuses the update. Fail back by rebuilding the pair (docs/disaster-recovery.md)."),
        new("Rename the deployment", "NamePrefix", "standalone", "standalone-renamed", DayTwoEffect.ReplacesStateful,
            "Never on a running deployment: the database and the secrets are renamed, which CloudFormation does by replacement (create-only by nature)."),
        new("Add DR under another prefix", "DisasterRecovery.NamePrefix", "standalone", "standalone-dr-other-prefix", DayTwoEffect.Refused,
            "Refused: the pair's prefix must be the deployment's own, so nothing is renamed.", RuleId: "DR-2"),
        new("Standby on another TFE release", "TfeDrRegionProps.TfeVersion", "pair-warm/dr", "pair-warm-other-release", DayTwoEffect.Refused,
            "Refused: both regions run the same TFE release, PostgreSQL major and Redis line.", RuleId: "DR-2"),
    ];

    /// <summary>The operations as xUnit theory data.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var operation in All)
        {
            data.Add(operation.Name);
        }

        return data;
    }
}
