namespace Tfe.Cdk.Constructs;

/// <summary>
/// DR-2, same releases: the standby runs the primary's TFE release, PostgreSQL major version and Redis engine. A standby
/// on an older TFE refuses the database the newer primary migrated, found only at failover; a different PostgreSQL major
/// cannot even be a read replica of the primary; a different Redis line is a cache TFE was not tested with at that release.
/// </summary>
internal static class TfeDrReleaseMatch
{
    public static RuleCheck Check(TfeDeploymentReleases primary, TfeDeploymentReleases standby) => new RuleCheck()
        .FailIf(Differ(primary.TfeVersion, standby.TfeVersion), RuleIds.Dr2, "TfeVersion", standby.TfeVersion,
            $"differs from the primary's TFE release {primary.TfeVersion}: at failover the standby would start another release against the primary's database (an older one refuses a migrated schema)",
            $"Set TfeVersion = \"{primary.TfeVersion}\" on both; upgrade a pair by deploying the DR stack and the primary with the same new release (docs/disaster-recovery.md)")
        .FailIf(Differ(primary.PostgresMajor, standby.PostgresMajor), RuleIds.Dr2, "DatabaseEngineVersion", standby.PostgresMajor,
            $"is another PostgreSQL major version than the primary's ({primary.PostgresMajor}): a cross-region read replica runs its source's major version, and a restored backup keeps it",
            $"Use PostgreSQL {primary.PostgresMajor} (the primary's DatabaseEngineVersion)")
        .FailIf(Differ(primary.RedisVersion, standby.RedisVersion), RuleIds.Dr2, "Redis.EngineVersion", standby.RedisVersion,
            $"differs from the primary's Redis engine {primary.RedisVersion}: after failover TFE would run against a cache line it was not checked with for this release",
            $"Use the primary's Redis version {primary.RedisVersion}");

    private static bool Differ(string? primary, string? standby) =>
        primary is not null && standby is not null && !string.Equals(primary, standby, StringComparison.Ordinal);
}
