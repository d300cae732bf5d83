using System.Globalization;
using System.Text.RegularExpressions;
using Amazon.CDK;

namespace Tfe.Cdk.Constructs;

/// <summary>The rules a <see cref="TfeDataTierProps"/> must follow, checked on plain values (no jsii call).</summary>
internal static partial class TfeDataTierPropsValidator
{
    private const int MaxIdentifierLength = 63;

    private static readonly string[] ReservedUsernames = ["admin", "rdsadmin", "public", "none", "current_user", "session_user", "current_role", "user"];

    /// <summary>The props as plain values: what the user set (null when unset or a token), read once through jsii.</summary>
    internal sealed record Values(
        string? DatabaseInstanceType = null,
        string? EngineFullVersion = null,
        string? EngineMajorVersion = null,
        int? AllocatedStorageGiB = null,
        int? MaxAllocatedStorageGiB = null,
        double? BackupRetentionDays = null,
        string? DatabaseName = null,
        string? DatabaseUsername = null,
        bool Destroy = false,
        bool? BackupBucket = null,
        bool? DatabaseBackupPlan = null,
        bool HasBackupCopyVault = false,
        bool? DeletionProtection = null,
        TfeDatabaseAuthentication? DatabaseAuthentication = null);

    /// <summary>Reads the props into plain values; tokens become null (unknown until deployment, so not checked).</summary>
    public static Values Read(TfeDataTierProps props)
    {
        var type = props.DatabaseInstanceType?.ToString();
        var retentionSeconds = Inputs.PlainSeconds(props.DatabaseBackupRetention);
        return new Values(
            DatabaseInstanceType: RuleCheck.IsToken(type) ? null : type,
            EngineFullVersion: Plain(props.DatabaseEngineVersion?.PostgresFullVersion),
            EngineMajorVersion: Plain(props.DatabaseEngineVersion?.PostgresMajorVersion),
            AllocatedStorageGiB: Inputs.IsTokenNumber(props.DatabaseAllocatedStorageGiB) ? null : props.DatabaseAllocatedStorageGiB,
            MaxAllocatedStorageGiB: Inputs.IsTokenNumber(props.DatabaseMaxAllocatedStorageGiB) ? null : props.DatabaseMaxAllocatedStorageGiB,
            BackupRetentionDays: retentionSeconds / 86400,
            DatabaseName: Plain(props.DatabaseName),
            DatabaseUsername: Plain(props.DatabaseUsername),
            Destroy: props.RemovalPolicy == RemovalPolicy.DESTROY,
            BackupBucket: props.BackupBucket,
            DatabaseBackupPlan: props.DatabaseBackupPlan,
            HasBackupCopyVault: props.DatabaseBackupCopyVault is not null,
            DeletionProtection: props.DeletionProtection,
            DatabaseAuthentication: props.DatabaseAuthentication);

        static string? Plain(string? s) => RuleCheck.IsToken(s) ? null : s;
    }

    /// <summary>Every error the values break.</summary>
    public static RuleCheck Check(Values v)
    {
        var spec = InstanceSpec.Parse(v.DatabaseInstanceType);
        var allocated = v.AllocatedStorageGiB ?? Defaults.DatabaseAllocatedStorageGiB;
        var days = v.BackupRetentionDays;
        var supported = string.Join(", ", Defaults.SupportedPostgresMajorVersions);
        return new RuleCheck()
            .FailIf(spec?.Meets(Defaults.DatabaseMinVCpus, Defaults.DatabaseMinMemoryGiB) == false, RuleIds.Db2,
                "DatabaseInstanceType", v.DatabaseInstanceType,
                $"must have at least {Defaults.DatabaseMinVCpus} vCPUs and {Defaults.DatabaseMinMemoryGiB} GiB of memory (reference minimum: db.m4.xlarge)",
                "Use m6i.xlarge (minimum size, the default) or m6i.2xlarge (scaled size), or another current type of that size")
            .FailIf(v.EngineMajorVersion is { } major && !Defaults.SupportedPostgresMajorVersions.Contains(major), RuleIds.Db1,
                "DatabaseEngineVersion", v.EngineFullVersion ?? v.EngineMajorVersion,
                $"must be a PostgreSQL major version Terraform Enterprise supports ({supported})",
                $"Use PostgresEngineVersion.Of(\"{Defaults.PostgresFullVersion}\", \"{Defaults.PostgresMajorVersion}\") (the default) or another supported version")
            .FailIf(v.EngineFullVersion is { } full && Defaults.UnsupportedPostgresVersions.Contains(full), RuleIds.Db1,
                "DatabaseEngineVersion", v.EngineFullVersion,
                "must not be PostgreSQL 14.0 to 14.3, which Terraform Enterprise does not support (a known PostgreSQL defect)",
                "Use 14.4 or later")
            .FailIf(v.AllocatedStorageGiB < Defaults.DatabaseAllocatedStorageGiB, RuleIds.Db2,
                "DatabaseAllocatedStorageGiB", v.AllocatedStorageGiB,
                $"must be at least {Defaults.DatabaseAllocatedStorageGiB} GiB (reference minimum)",
                $"Use {Defaults.DatabaseAllocatedStorageGiB} (the default) or more")
            .FailIf(v.MaxAllocatedStorageGiB < allocated, RuleIds.Db2,
                "DatabaseMaxAllocatedStorageGiB", v.MaxAllocatedStorageGiB,
                $"must not be less than the allocated storage ({allocated} GiB)",
                $"Use {Defaults.DatabaseMaxAllocatedStorageGiB} (the default) or any value from the allocated storage up")
            .FailIf(v.MaxAllocatedStorageGiB > Defaults.RdsMaxStorageGiB || v.AllocatedStorageGiB > Defaults.RdsMaxStorageGiB, RuleIds.Db2,
                v.AllocatedStorageGiB > Defaults.RdsMaxStorageGiB ? "DatabaseAllocatedStorageGiB" : "DatabaseMaxAllocatedStorageGiB",
                Math.Max(v.AllocatedStorageGiB ?? 0, v.MaxAllocatedStorageGiB ?? 0),
                $"must not exceed the RDS maximum of {Defaults.RdsMaxStorageGiB} GiB",
                "Use a smaller value")
            .FailIf(days is 0, RuleIds.Db3, "DatabaseBackupRetention", Days(days),
                "must not be 0: 0 turns automated backups (point-in-time recovery) off",
                $"Use 1 to {Defaults.RdsMaxBackupRetentionDays} days (default {Defaults.DatabaseBackupRetentionDays})")
            .FailIf(days is > Defaults.RdsMaxBackupRetentionDays or < 0, RuleIds.Db3, "DatabaseBackupRetention", Days(days),
                $"must be between 1 and {Defaults.RdsMaxBackupRetentionDays} days (the RDS limits)",
                $"Use 1 to {Defaults.RdsMaxBackupRetentionDays} days (default {Defaults.DatabaseBackupRetentionDays})")
            .FailIf(days is { } d && d != Math.Floor(d), RuleIds.Db3, "DatabaseBackupRetention", Days(days),
                "must be a whole number of days (RDS counts retention in days)",
                "Use Duration.Days(n)")
            .FailIf(v.DatabaseBackupPlan == false && v.HasBackupCopyVault, RuleIds.Dr1, "DatabaseBackupCopyVault", RuleCheck.Describe("(set)"),
                "needs the AWS Backup plan, which DatabaseBackupPlan = false turns off",
                "Remove DatabaseBackupPlan = false (a copy vault turns the plan on), or remove DatabaseBackupCopyVault")
            .Include(CheckIdentifier("DatabaseName", v.DatabaseName, reserved: false).Violations)
            .Include(CheckIdentifier("DatabaseUsername", v.DatabaseUsername, reserved: true).Violations)
            .FailIf(v.DatabaseAuthentication == TfeDatabaseAuthentication.Iam && v.DatabaseUsername is { Length: > MaxIdentifierLength - 4 },
                RuleIds.Db1, "DatabaseUsername", v.DatabaseUsername,
                $"is too long for DatabaseAuthentication = Iam: the IAM login role is named <DatabaseUsername>{TfeDataTier.IamUserSuffix}, at most {MaxIdentifierLength} characters",
                $"Use a DatabaseUsername of at most {MaxIdentifierLength - 4} characters (create-only: choose it before the first deployment)");
    }

    /// <summary>The warnings the values deserve: allowed, but discouraged by the reference.</summary>
    public static IReadOnlyList<Advice> Advise(Values v)
    {
        var advice = new List<Advice>();
        var spec = InstanceSpec.Parse(v.DatabaseInstanceType);
        if (v.DatabaseInstanceType is not null && (spec is null || spec.Meets(Defaults.DatabaseMinVCpus, Defaults.DatabaseMinMemoryGiB) is null))
        {
            advice.Add(new Advice("unknownDatabaseSize", RuleIds.Db2,
                $"DatabaseInstanceType {v.DatabaseInstanceType}: the size cannot be read from the name, so the minimum of {Defaults.DatabaseMinVCpus} vCPUs and {Defaults.DatabaseMinMemoryGiB} GiB was not checked. Make sure it is met."));
        }

        if (spec is { IsBurstable: true })
        {
            advice.Add(new Advice("burstableDatabase", RuleIds.Db2,
                $"DatabaseInstanceType {v.DatabaseInstanceType} is burstable (T-family): it runs on CPU credits and slows down when they run out. Use m6i.xlarge or larger for production."));
        }

        if (v.Destroy)
        {
            advice.Add(new Advice("destroyState", RuleIds.Dr1,
                "RemovalPolicy is DESTROY: deleting the stack deletes the database (no final snapshot), the buckets, the KMS key and the database secret. The buckets are not emptied automatically; delete their objects first."));
        }

        if (v.BackupBucket == false)
        {
            advice.Add(new Advice("noBackupBucket", RuleIds.S35,
                "BackupBucket is false: the reference recommends a regular copy of the application bucket into a backup bucket in Standard-IA. Make sure another backup of the bucket exists."));
        }

        if (v.DeletionProtection == false && !v.Destroy)
        {
            advice.Add(new Advice("noDeletionProtection", RuleIds.Db3,
                "DeletionProtection is false: a stack update or delete can now remove TFE's database (a snapshot is still taken). Keep it on outside a sandbox."));
        }

        return advice;
    }

    private static RuleCheck CheckIdentifier(string property, string? value, bool reserved)
    {
        var lower = value?.ToLowerInvariant();
        return new RuleCheck()
            .FailIf(value is not null && !Identifier().IsMatch(value), RuleIds.Db1, property, value,
                $"must be a PostgreSQL identifier: 1 to {Defaults.PostgresIdentifierMaxLength} letters, digits or underscores, starting with a letter",
                "Use for example \"tfe\" (the default)")
            .FailIf(reserved && lower is not null
                    && (ReservedUsernames.Contains(lower) || lower.StartsWith("pg_", StringComparison.Ordinal) || lower.StartsWith("rds_", StringComparison.Ordinal)),
                RuleIds.Db1, property, value,
                "must not be a name RDS or PostgreSQL reserves (admin, rdsadmin, public, pg_…, rds_…)",
                "Use for example \"tfe\" (the default)");
    }

    private static RuleCheck.Shown? Days(double? days) => days is { } d ? RuleCheck.Describe(d.ToString("0.###", CultureInfo.InvariantCulture) + " days") : null;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
