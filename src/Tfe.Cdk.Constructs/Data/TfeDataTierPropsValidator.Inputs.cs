using Amazon.CDK;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>The data tier's input checks (issue #9): required objects, tokens, names, ARNs, enums and the data subnets.</summary>
internal static partial class TfeDataTierPropsValidator
{
    /// <summary>The checks that need the props' objects; <see cref="Check"/> runs on the plain values beside them.</summary>
    public static RuleCheck CheckInputs(TfeDataTierProps props, IConstruct scope)
    {
        var check = new RuleCheck();
        var region = Stack.Of(scope).Region;
        Inputs.RefuseTokenNumber(check, RuleIds.Db2, "DatabaseAllocatedStorageGiB", props.DatabaseAllocatedStorageGiB);
        Inputs.RefuseTokenNumber(check, RuleIds.Db2, "DatabaseMaxAllocatedStorageGiB", props.DatabaseMaxAllocatedStorageGiB);
        Inputs.Seconds(check, RuleIds.Db3, "DatabaseBackupRetention", props.DatabaseBackupRetention);
        Inputs.RefuseUndefined(check, RuleIds.Db3, "RemovalPolicy", props.RemovalPolicy);
        Inputs.RefuseUndefined(check, RuleIds.Db1, "DatabaseAuthentication", props.DatabaseAuthentication);

        if (props.DatabaseInstanceType?.ToString() is { } type)
        {
            if (RuleCheck.IsToken(type))
            {
                Inputs.WarnToken(check, RuleIds.Db2, "DatabaseInstanceType", "its size (at least 4 vCPU and 16 GiB)");
            }
            else if (InstanceTypeNames.Problem(type, InstanceTypeKind.Rds, Defaults.DatabaseInstanceType) is { } problem)
            {
                check.FailIf(true, RuleIds.Db2, "DatabaseInstanceType", type, problem.Problem, problem.Fix);
            }
        }

        if (props.DatabaseEngineVersion is { } engine)
        {
            var (full, major) = (engine.PostgresFullVersion, engine.PostgresMajorVersion);
            if (RuleCheck.IsToken(full) || RuleCheck.IsToken(major))
            {
                Inputs.WarnToken(check, RuleIds.Db1, "DatabaseEngineVersion", "that Terraform Enterprise supports the version");
            }
            else
            {
                check.FailIf(Inputs.IsBlank(full), RuleIds.Db1, "DatabaseEngineVersion", full, "has no full version",
                    $"Use PostgresEngineVersion.Of(\"{Defaults.PostgresFullVersion}\", \"{Defaults.PostgresMajorVersion}\")");
                check.FailIf(!Inputs.IsBlank(full) && !Inputs.IsBlank(major) && full != major && !full.StartsWith(major + ".", StringComparison.Ordinal),
                    RuleIds.Db1, "DatabaseEngineVersion", full, $"is not a version of the major version given with it ({major})",
                    $"Pass the matching major version: PostgresEngineVersion.Of(\"{full}\", \"{full.Split('.')[0]}\")");
            }
        }

        foreach (var (name, value) in new[] { ("DatabaseName", props.DatabaseName), ("DatabaseUsername", props.DatabaseUsername) })
        {
            if (RuleCheck.IsToken(value))
            {
                Inputs.WarnToken(check, RuleIds.Db1, name, "that it is a PostgreSQL identifier");
            }
        }

        Inputs.CheckArn(check, RuleIds.Db4, "EncryptionKey", props.EncryptionKey?.KeyArn, "kms", region,
            "RDS, S3 and Secrets Manager encrypt only with a KMS key of their own region");
        Inputs.CheckArn(check, RuleIds.Ops2, "AlarmTopic", props.AlarmTopic?.TopicArn, "sns", region,
            "CloudWatch alarms notify topics of their own region");

        CheckCopyVault(check, props.DatabaseBackupCopyVault, Stack.Of(scope));

        if (Inputs.RefuseNull(check, RuleIds.Db4, "Network", props.Network, "Pass the TfeNetwork whose data subnets hold the database")
            || Inputs.RefuseNull(check, RuleIds.Db4, "Network.Vpc", props.Network.Vpc, "The network must carry a VPC"))
        {
            return check;
        }

        var subnets = Inputs.SelectSubnets(check, RuleIds.Db4, "Network.DataSubnets", props.Network.Vpc, props.Network.DataSubnets,
            "Select the VPC's private or isolated subnets, in 2 or more Availability Zones, for the database");
        if (subnets is null)
        {
            return check;
        }

        check.FailIf(subnets.HasPublic, RuleIds.Db4, "Network.DataSubnets", RuleCheck.Describe("(public subnets)"),
            "places the database in public subnets", "Select private or isolated subnets for the data tier");
        var zones = subnets.AvailabilityZones.Distinct(StringComparer.Ordinal).ToList();
        check.FailIf(!zones.Any(RuleCheck.IsToken) && zones.Count < 2, RuleIds.Db1, "Network.DataSubnets",
            RuleCheck.Describe($"{zones.Count} Availability Zone(s)"),
            "must span at least 2 Availability Zones: the database is Multi-AZ, and an RDS subnet group needs subnets in two AZs",
            "Select data subnets in 2 or more AZs");
        return check;
    }

    /// <summary>
    /// The copy vault is the cold-standby path (DR-1 backups, restored in DR-3) that survives the loss of this region: a
    /// vault of the stack's own region and account would hold a second copy beside the first. Another account in the same
    /// region is allowed (it survives the loss of the account). An environment that is a token is compared only when it is
    /// the same token (a vault defined in this stack).
    /// </summary>
    private static void CheckCopyVault(RuleCheck check, Amazon.CDK.AWS.Backup.IBackupVault? vault, Stack stack)
    {
        if (vault is null)
        {
            return;
        }

        var (region, account) = (vault.Env.Region, vault.Env.Account);
        check.FailIf(region == stack.Region && account == stack.Account, RuleIds.Dr1, "DatabaseBackupCopyVault",
            RuleCheck.IsToken(vault.BackupVaultArn) ? RuleCheck.Describe($"{vault.Node.Path} (a vault of the stack's own region and account)") : vault.BackupVaultArn,
            $"is in the stack's own region ({(RuleCheck.IsToken(region) ? "the stack's region" : region)}) and account: a copy there does not survive the loss of the region or the account, so it adds nothing to the plan's own vault",
            "Import a vault of another region (or account) with BackupVault.FromBackupVaultArn(this, \"DrVault\", \"arn:aws:backup:us-west-2:123456789012:backup-vault:tfe-dr\"), or remove DatabaseBackupCopyVault");
    }
}
