using System.Text.RegularExpressions;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The rules of <see cref="TfeDisasterRecovery"/> and of a primary deployment that uses it, on plain values (no jsii):
/// valid shared names, two different regions, and a stack whose account and region are known at synth time.
/// </summary>
internal static partial class TfeDisasterRecoveryValidator
{
    public const int MaxNamePrefixLength = 24;

    /// <summary>The settings' own rules, and that <paramref name="stackRegion"/> is the region they name for this stack.</summary>
    /// <param name="settings">The shared settings.</param>
    /// <param name="stackRegion">The region of the stack being defined (null when it is a token).</param>
    /// <param name="stackAccount">The account of the stack being defined (null when it is a token).</param>
    /// <param name="expectedRegion">The region the settings name for this stack (primary or DR).</param>
    /// <param name="role">"primary" or "DR", for the message.</param>
    public static RuleCheck Check(TfeDisasterRecovery settings, string? stackRegion, string? stackAccount, string expectedRegion, string role)
    {
        var prefix = settings.NamePrefix;
        var check = new RuleCheck();
        Inputs.RefuseUndefined(check, RuleIds.Dr2, "DisasterRecovery.StandbyMode", settings.StandbyMode);
        return check
            .FailIf(string.IsNullOrEmpty(prefix) || prefix.Length > MaxNamePrefixLength || !Prefix().IsMatch(prefix), RuleIds.Dr2,
                "DisasterRecovery.NamePrefix", prefix,
                $"must be 1 to {MaxNamePrefixLength} lower-case letters, digits and single hyphens, starting with a letter (it names the database, secrets, buckets and alarms of both regions)",
                "Use a short name such as \"tfe-prod\"")
            .FailIf(settings.BackupReplicationKeyArn is { } keyArn && !RuleCheck.IsToken(keyArn)
                    && !KeyArn().IsMatch(keyArn), RuleIds.Dr3, "DisasterRecovery.BackupReplicationKeyArn", settings.BackupReplicationKeyArn,
                "is not a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>); RDS documents a key ARN for replicated backups, not an alias",
                "Copy the KeyArn output of the DR storage stack")
            .FailIf(settings.BackupReplicationKeyArn is { } arn && KeyArn().Match(arn) is { Success: true } m && m.Groups[1].Value != settings.DrRegion, RuleIds.Dr3,
                "DisasterRecovery.BackupReplicationKeyArn", settings.BackupReplicationKeyArn,
                $"is a key of {KeyArn().Match(settings.BackupReplicationKeyArn ?? string.Empty).Groups[1].Value}, not of the DR region {settings.DrRegion}: replicated backups are encrypted in the destination region",
                "Copy the KeyArn output of the DR storage stack")
            .FailIf(settings.BackupReplicationKeyArn is not null && (settings.StandbyMode ?? TfeStandbyMode.Warm) == TfeStandbyMode.Warm, RuleIds.Dr3,
                "DisasterRecovery.BackupReplicationKeyArn", settings.BackupReplicationKeyArn,
                "only applies to a cold standby: a warm standby's replica is encrypted with the DR key by the DR stack itself",
                "Remove BackupReplicationKeyArn, or set StandbyMode = Cold")
            .FailIf(string.Equals(settings.DrRegion, settings.PrimaryRegion, StringComparison.Ordinal), RuleIds.Dr2,
                "DisasterRecovery.DrRegion", settings.DrRegion,
                "is the primary region: a standby in the same region does not survive a region failure",
                "Name a second region, for example us-west-2 for a primary in us-east-1")
            .FailIf(!Region().IsMatch(settings.PrimaryRegion ?? string.Empty), RuleIds.Dr2, "DisasterRecovery.PrimaryRegion", settings.PrimaryRegion,
                "is not an AWS region name", "Use a region such as us-east-1")
            .FailIf(!Region().IsMatch(settings.DrRegion ?? string.Empty), RuleIds.Dr2, "DisasterRecovery.DrRegion", settings.DrRegion,
                "is not an AWS region name", "Use a region such as us-west-2")
            .FailIf(stackRegion is null || stackAccount is null, RuleIds.Dr2, "Stack env", $"{stackAccount ?? "(unresolved)"}/{stackRegion ?? "(unresolved)"}",
                $"must name an explicit account and region: the {role} stack's names are computed from them and must match the other region's",
                "Give the stack Env = new Environment { Account = \"123456789012\", Region = \"…\" }")
            .FailIf(stackRegion is not null && !string.Equals(stackRegion, expectedRegion, StringComparison.Ordinal), RuleIds.Dr2,
                "Stack env", stackRegion,
                $"is not the {role} region the DisasterRecovery settings name ({expectedRegion})",
                $"Define this construct in a stack in {expectedRegion}, or correct DisasterRecovery");
    }

    /// <summary>Whether <paramref name="prefix"/> is lower-case letters, digits and single hyphens, starting with a letter.</summary>
    public static bool IsPrefix(string prefix) => Prefix().IsMatch(prefix);

    [GeneratedRegex("^[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*$", RegexOptions.CultureInvariant)]
    private static partial Regex Prefix();

    [GeneratedRegex("^arn:aws[a-z-]*:kms:([a-z0-9-]+):[0-9]{12}:key/[A-Za-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyArn();

    [GeneratedRegex("^[a-z]{2}(?:-[a-z]+)+-[0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex Region();
}
