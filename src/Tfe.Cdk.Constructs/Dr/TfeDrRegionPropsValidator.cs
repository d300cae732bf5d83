namespace Tfe.Cdk.Constructs;

/// <summary>The rules of a <see cref="TfeDrRegionProps"/> (DR-2..DR-6), on plain values read once through jsii.</summary>
internal static partial class TfeDrRegionPropsValidator
{
    /// <summary>The props as plain values; a region or account is null when it is a token.</summary>
    internal sealed record Values
    {
        public required TfeDisasterRecovery Settings { get; init; }
        public TfeDisasterRecovery? StorageSettings { get; init; }
        public TfeDisasterRecovery? PrimarySettings { get; init; }
        public string? StackRegion { get; init; }
        public string? StackAccount { get; init; }
        public string? StorageRegion { get; init; }
        public string? StorageAccount { get; init; }
        public string? PrimaryRegion { get; init; }
        public string? PrimaryAccount { get; init; }
        public bool ActiveActive { get; init; }
        public bool Promoted { get; init; }
        public TfeDrRestoreSource? RestoreSource { get; init; }
        public bool HasNetwork { get; init; }
        public bool HasNetworkOptions { get; init; }
        public bool HasRedisOptions { get; init; }
        public bool HasCache { get; init; }

        /// <summary>The region of the cache's stack, when <see cref="HasCache"/>; null when unknown.</summary>
        public string? CacheRegion { get; init; }
        public bool CacheIsPrimarys { get; init; }
        public string? Hostname { get; init; }
        public string? PrimaryHostname { get; init; }
        public bool HasZone { get; init; }
        public bool PrimaryHasZone { get; init; }
        public string? ZoneName { get; init; }

        /// <summary>The regions of the user-supplied secrets and certificates, by prop name (null region: unknown, not checked).</summary>
        public IReadOnlyList<(string Property, string? Region)> RegionalInputs { get; init; } = [];
        public int? NodeCount { get; init; }
    }

    public static RuleCheck Check(Values v)
    {
        var s = v.Settings;
        var mode = s.StandbyMode ?? TfeStandbyMode.Warm;
        var check = TfeDisasterRecoveryValidator.Check(s, v.StackRegion, v.StackAccount, s.DrRegion, "DR");

        // DR-2: one set of names for the three stacks, in one account and the right regions.
        check.FailIf(v.StorageSettings is not null && v.StorageSettings != s, RuleIds.Dr2, "Storage", Describe(v.StorageSettings),
                $"was defined with other DisasterRecovery settings than this region ({Describe(s)}): the stacks would compute different names",
                "Pass the same TfeDisasterRecovery value to the primary, the TfeDrStorage and the TfeDrRegion")
            .FailIf(v.PrimarySettings is null, RuleIds.Dr2, "Primary", "(no DisasterRecovery)",
                "has no DisasterRecovery settings, so it neither replicates its secrets, bucket and backups nor names its database for this region",
                "Set DisasterRecovery on the primary's props to the same TfeDisasterRecovery value")
            .FailIf(v.PrimarySettings is not null && v.PrimarySettings != s, RuleIds.Dr2, "Primary", Describe(v.PrimarySettings),
                $"was defined with other DisasterRecovery settings than this region ({Describe(s)}): the stacks would compute different names",
                "Pass the same TfeDisasterRecovery value to the primary, the TfeDrStorage and the TfeDrRegion")
            .FailIf(v.StorageRegion is not null && v.StorageRegion != s.DrRegion, RuleIds.Dr2, "Storage", v.StorageRegion,
                $"is not in the DR region {s.DrRegion}", "Define the TfeDrStorage in a stack in the DR region")
            .FailIf(v.PrimaryRegion is not null && v.PrimaryRegion != s.PrimaryRegion, RuleIds.Dr2, "Primary", v.PrimaryRegion,
                $"is not in the primary region {s.PrimaryRegion}", "Define the primary in a stack in DisasterRecovery.PrimaryRegion")
            .FailIf(Differs(v.StackAccount, v.StorageAccount) || Differs(v.StackAccount, v.PrimaryAccount), RuleIds.Dr2, "Stack env",
                $"{v.PrimaryAccount} / {v.StorageAccount} / {v.StackAccount}",
                "names different accounts for the primary, DR storage and DR stacks; the deterministic names and replication assume one account",
                "Deploy the three stacks into one account")
            .FailIf(v.HasNetwork && v.HasNetworkOptions, RuleIds.Net1, "NetworkOptions", "(set)",
                "cannot be combined with an existing Network", "Pass either Network or NetworkOptions, not both");
        foreach (var (property, region) in v.RegionalInputs)
        {
            check.FailIf(region is not null && v.StackRegion is not null && region != v.StackRegion, RuleIds.Dr2, property, region,
                $"is not readable in the DR region {v.StackRegion}: the standby's nodes and load balancer use this region's copies",
                property == "LoadBalancerCertificate"
                    ? "Request or import an ACM certificate for the hostname in the DR region and pass it"
                    : "Copy or replicate the secret into the DR region (Secrets Manager replica) and pass that secret, e.g. Secret.FromSecretNameV2(drStack, …)");
        }

        // DR-3: warm = replica, cold = restore, and a cold failover needs something to restore.
        check.FailIf(mode == TfeStandbyMode.Warm && v.RestoreSource is not null, RuleIds.Dr3, "RestoreSource", v.RestoreSource?.ToString(),
                "only applies to a cold standby: a warm standby promotes its read replica",
                "Remove RestoreSource, or set DisasterRecovery.StandbyMode = Cold (in all three stacks)")
            .FailIf(mode == TfeStandbyMode.Cold && v.Promoted && v.RestoreSource is null, RuleIds.Dr3, "RestoreSource", null,
                "is required to fail a cold standby over: there is no database in the DR region until one is restored",
                "Find the replicated backups (aws rds describe-db-instance-automated-backups --region " + s.DrRegion + ") and pass TfeDrRestoreSource.FromAutomatedBackups(arn)");
        CheckRestoreSource(check, v.RestoreSource, s.DrRegion);

        // DR-5: one hostname, one zone, both halves of the failover pair.
        check.FailIf(v.Hostname is not null && v.PrimaryHostname is not null && !string.Equals(v.Hostname, v.PrimaryHostname, StringComparison.OrdinalIgnoreCase),
                RuleIds.Dr5, "Hostname", v.Hostname,
                $"differs from the primary's hostname {v.PrimaryHostname}: users, VCS webhooks and agents reach TFE by one name, and TFE_HOSTNAME is part of its data",
                "Use the primary's hostname; the certificate in the DR region must cover it")
            .FailIf(v.PrimaryHasZone && !v.HasZone, RuleIds.Dr5, "HostedZone", null,
                "is required because the primary has a hosted zone: this stack defines the hostname's failover pair",
                "Import the same zone in this stack (HostedZone.FromHostedZoneAttributes) and pass it")
            .FailIf(v.HasZone && !v.PrimaryHasZone, RuleIds.Dr5, "HostedZone", v.ZoneName,
                "is set but the primary has none, so there is no primary record and canonical name to fail over from",
                "Give the primary the same HostedZone, or remove it here")
            .FailIf(v.HasZone && Inputs.IsBlank(v.ZoneName), RuleIds.Net2, "HostedZone", v.ZoneName is null ? RuleCheck.Describe("a zone without a name") : v.ZoneName,
                "has no zone name, so the hostname's failover records cannot be placed in it (HostedZone.FromHostedZoneId gives no name)",
                "Import the zone with HostedZone.FromHostedZoneAttributes(..., new HostedZoneAttributes { HostedZoneId = ..., ZoneName = ... })")
            .FailIf(v.HasZone && !Inputs.IsBlank(v.ZoneName) && !TfeTopology.HostnameInZone(v.Hostname, v.ZoneName!), RuleIds.Net2, "Hostname", v.Hostname,
                $"is not inside the HostedZone {v.ZoneName}", "Use the primary's hostname and the zone that contains it");

        // DR-6 and MODE-2: an Active/Active standby has its own cache in its own region; a Standalone one has none.
        check.FailIf(v.ActiveActive && v.HasCache && (v.CacheIsPrimarys || (v.CacheRegion is not null && v.StackRegion is not null && v.CacheRegion != v.StackRegion)),
                RuleIds.Dr6, "Cache", v.CacheRegion,
                "is not a cache of the DR region: the standby's nodes must never join the primary's cluster or share its cache",
                "Remove Cache (the standby defines its own TfeRedis), or pass a cache defined in the DR region")
            .FailIf(v.HasCache && v.HasRedisOptions, RuleIds.Dr6, "Redis", "(set)",
                "cannot be combined with an existing Cache", "Pass either Redis (options of a new cache) or Cache, not both")
            .FailIf(!v.ActiveActive && (v.HasCache || v.HasRedisOptions), RuleIds.Mode2, v.HasCache ? "Cache" : "Redis", "(set)",
                "applies to an Active/Active standby only; the primary is Standalone",
                "Remove it")
            .FailIf(!v.ActiveActive && v.NodeCount is not null and not 1, RuleIds.Mode1, "NodeCount", v.NodeCount,
                "must be 1: the primary is Standalone (one node)", "Remove NodeCount");
        return check;
    }

    /// <summary>Warnings: allowed, but a manual step the user must own.</summary>
    public static IReadOnlyList<Advice> Advise(Values v) =>
        v.HasZone || v.PrimaryHasZone
            ? []
            : [new Advice("manualDnsFailover", RuleIds.Dr5,
                "Neither region has a HostedZone: at failover, point the hostname at the DR load balancer yourself (output LoadBalancerDnsName). With a zone, this stack defines a gated Route 53 failover pair.")];

    private static bool Differs(string? a, string? b) => a is not null && b is not null && a != b;

    /// <summary>
    /// DR-3: the restore source's own value, whatever the mode: something to restore from, named the way RDS names it, in
    /// the DR region (a restore reads backups and snapshots of its own region only). A token is accepted with a warning.
    /// </summary>
    private static void CheckRestoreSource(RuleCheck check, TfeDrRestoreSource? source, string? drRegion)
    {
        if (source is null)
        {
            return;
        }

        var value = source.Value;
        var factory = source.IsAutomatedBackups ? "TfeDrRestoreSource.FromAutomatedBackups" : "TfeDrRestoreSource.FromSnapshot";
        if (Inputs.RefuseBlank(check, RuleIds.Dr3, "RestoreSource", value, $"Pass {factory}(…) the {(source.IsAutomatedBackups ? "ARN of the replicated automated backups" : "snapshot identifier or ARN")} in {drRegion}"))
        {
            return;
        }

        if (RuleCheck.IsToken(value))
        {
            Inputs.WarnToken(check, RuleIds.Dr3, "RestoreSource", $"that it names {(source.IsAutomatedBackups ? "automated backups" : "a snapshot")} in {drRegion}");
            return;
        }

        var arn = Inputs.ParseArn(value);
        if (source.IsAutomatedBackups)
        {
            var isBackups = arn is { Service: "rds" } && arn.Resource.StartsWith("auto-backup:ab-", StringComparison.Ordinal) && !arn.Resource.Contains(' ', StringComparison.Ordinal);
            check.FailIf(!isBackups, RuleIds.Dr3, "RestoreSource", value,
                $"is not the ARN of replicated automated backups (arn:aws:rds:{drRegion}:<account>:auto-backup:ab-…)",
                $"Copy the DBInstanceAutomatedBackupsArn from aws rds describe-db-instance-automated-backups --region {drRegion}")
                .FailIf(isBackups && arn?.Region != drRegion, RuleIds.Dr3, "RestoreSource", value,
                    $"is in region {arn?.Region}, not in the DR region {drRegion}: a restore reads backups of its own region",
                    $"Use the replicated backups in {drRegion} (the primary replicates them there in a cold standby)");
            return;
        }

        if (arn is not null)
        {
            var isSnapshot = arn.Service == "rds" && arn.Resource.StartsWith("snapshot:", StringComparison.Ordinal) && arn.Resource.Length > "snapshot:".Length;
            check.FailIf(!isSnapshot, RuleIds.Dr3, "RestoreSource", value,
                $"is not the ARN of a DB snapshot (arn:aws:rds:{drRegion}:<account>:snapshot:<id>)",
                "Pass the snapshot's identifier or its DBSnapshotArn")
                .FailIf(isSnapshot && arn.Region != drRegion, RuleIds.Dr3, "RestoreSource", value,
                    $"is in region {arn.Region}, not in the DR region {drRegion}: a restore reads snapshots of its own region",
                    $"Copy the snapshot into {drRegion} (AWS Backup copy or aws rds copy-db-snapshot) and pass the copy");
            return;
        }

        check.FailIf(!SnapshotIdentifier().IsMatch(value), RuleIds.Dr3, "RestoreSource", value,
            "is not a DB snapshot identifier (a letter, then letters, digits, single hyphens and colons, at most 255 characters)",
            "Pass the snapshot's identifier as aws rds describe-db-snapshots shows it, or its ARN");
    }

    [System.Text.RegularExpressions.GeneratedRegex("^(?=.{1,255}$)[A-Za-z](?:[A-Za-z0-9:]|-(?=[A-Za-z0-9:]))*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex SnapshotIdentifier();

    private static string Describe(TfeDisasterRecovery? s) =>
        s is null ? "(none)" : $"{s.NamePrefix}: {s.PrimaryRegion} -> {s.DrRegion}, {s.StandbyMode ?? TfeStandbyMode.Warm}";
}
