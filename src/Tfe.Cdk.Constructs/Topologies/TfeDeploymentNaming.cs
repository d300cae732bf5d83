using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.RDS;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The physical names every deployment gets from its creation, DR or not, so that turning disaster recovery on later
/// renames nothing (CloudFormation replaces a database or secret whose name changes: a new, empty database, a new random
/// password). One prefix names them: <see cref="TfeDeploymentPropsBase.NamePrefix"/>, by default derived from the stack
/// name and the construct's path in the stack.
/// </summary>
/// <remarks>
/// Why that default: both are already the deployment's identity. A stack name is unique per account and region (it is how
/// CloudFormation tells stacks apart), the construct path is unique in the stack, and changing either one already makes a
/// new deployment (a new stack, or new logical ids): the names move exactly when the resources would anyway.
/// </remarks>
internal static partial class TfeDeploymentNaming
{
    public const int MaxPrefixLength = TfeDisasterRecoveryValidator.MaxNamePrefixLength;

    /// <summary>The resolved names of one deployment.</summary>
    /// <param name="Prefix">The name prefix (the user's or the derived one).</param>
    /// <param name="Physical">The names the resources carry.</param>
    /// <param name="Adopted">True when the names were taken from a running deployment (the library writes none).</param>
    public sealed record Resolved(string Prefix, TfePhysicalNames Physical, bool Adopted);

    public static Resolved For(Construct deployment, TfeDeploymentPropsBase props)
    {
        var prefix = props.NamePrefix ?? DefaultPrefix(deployment);
        if (props.AdoptNames is { } adopted)
        {
            return new Resolved(prefix, adopted with
            {
                EncryptionPasswordSecretName = props.EncryptionPassword is null ? adopted.EncryptionPasswordSecretName : null,
            }, Adopted: true);
        }

        return new Resolved(prefix, new TfePhysicalNames
        {
            DatabaseIdentifier = $"{prefix}-db",
            DatabaseSecretName = $"{prefix}/database",
            EncryptionPasswordSecretName = props.EncryptionPassword is null ? $"{prefix}/encryption-password" : null,
        }, Adopted: false);
    }

    /// <summary>
    /// <c>&lt;stack name&gt;-&lt;path in the stack&gt;</c>, lower-cased, every other character a single hyphen; longer than
    /// <see cref="MaxPrefixLength"/> characters, its first 15 and 8 hex digits of a SHA-256 of the whole (so two long names
    /// that share a start still differ). Always a valid <see cref="TfeDisasterRecovery.NamePrefix"/>.
    /// </summary>
    public static string DefaultPrefix(Construct deployment)
    {
        var stack = Stack.Of(deployment);
        var stackName = RuleCheck.IsToken(stack.StackName) ? stack.Node.Id : stack.StackName;
        var path = deployment.Node.Path[stack.Node.Path.Length..].Trim('/');
        var raw = $"{stackName}-{path}";
        var clean = NotNameCharacters().Replace(raw.ToLowerInvariant(), "-").Trim('-');
        if (clean.Length == 0 || !char.IsAsciiLetterLower(clean[0]))
        {
            clean = "tfe-" + clean;
        }

        if (clean.Length <= MaxPrefixLength)
        {
            return clean;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(raw)))[..8].ToLowerInvariant();
        return $"{clean[..15].TrimEnd('-')}-{hash}";
    }

    /// <summary>The rules of the naming props (DB-1), and that disaster recovery keeps this deployment's names (DR-2).</summary>
    public static RuleCheck Check(Construct deployment, TfeDeploymentPropsBase props)
    {
        var check = new RuleCheck();
        var prefix = props.NamePrefix;
        var tokenPrefix = Inputs.RefuseToken(check, RuleIds.Db1, "NamePrefix", prefix,
            "it becomes the database's identifier and the secrets' names at synth, and a DR pair's other stacks derive the same names from it");
        check.FailIf(!tokenPrefix && prefix is not null && (prefix.Length > MaxPrefixLength || !TfeDisasterRecoveryValidator.IsPrefix(prefix)), RuleIds.Db1, "NamePrefix", prefix,
            $"must be 1 to {MaxPrefixLength} lower-case letters, digits and single hyphens, starting with a letter (it names the database, its secret and the encryption password, and a DR pair's buckets)",
            "Use a short name such as \"tfe-prod\", or leave it unset for the name derived from the stack name and construct id");
        if (props.AdoptNames is { } adopted)
        {
            check.FailIf(!DatabaseIdentifier().IsMatch(adopted.DatabaseIdentifier ?? string.Empty), RuleIds.Db1, "AdoptNames.DatabaseIdentifier", adopted.DatabaseIdentifier,
                    "is not an RDS DB instance identifier (1 to 63 letters, digits or hyphens, starting with a letter, no two hyphens in a row, not ending with one)",
                    "Copy the identifier of the running database (RDS console, or the DatabaseEndpoint output's first label)")
                .FailIf(string.IsNullOrWhiteSpace(adopted.DatabaseSecretName), RuleIds.Db1, "AdoptNames.DatabaseSecretName", adopted.DatabaseSecretName,
                    "is empty", "Copy the name of the running database secret (the DatabaseSecretArn output names it)")
                .FailIf(props.EncryptionPassword is null && string.IsNullOrWhiteSpace(adopted.EncryptionPasswordSecretName), RuleIds.Db1,
                    "AdoptNames.EncryptionPasswordSecretName", adopted.EncryptionPasswordSecretName,
                    "is empty, but the library owns this deployment's encryption password", "Copy the name of the running secret (the EncryptionPasswordSecretArn output names it)")
                .FailIf(props.EncryptionPassword is not null && adopted.EncryptionPasswordSecretName is not null, RuleIds.Db1,
                    "AdoptNames.EncryptionPasswordSecretName", adopted.EncryptionPasswordSecretName,
                    "names a library-owned password, but EncryptionPassword is set", "Remove AdoptNames.EncryptionPasswordSecretName");
        }

        if (props.DisasterRecovery is { } dr && prefix is null or { Length: <= MaxPrefixLength })
        {
            var effective = prefix ?? DefaultPrefix(deployment);
            check.FailIf(!string.Equals(dr.NamePrefix, effective, StringComparison.Ordinal), RuleIds.Dr2, "DisasterRecovery.NamePrefix", dr.NamePrefix,
                $"differs from this deployment's name prefix \"{effective}\"{(prefix is null ? " (derived from the stack name and construct id)" : string.Empty)}: the pair's names would not be this deployment's, and renaming the database or a secret replaces it",
                $"Set DisasterRecovery.NamePrefix = \"{effective}\" (in the TfeDrStorage and TfeDrRegion too), or on a new deployment set NamePrefix to the DR prefix");
        }

        return check;
    }

    /// <summary>Gives the database and its secret their names (unless adopted); names nothing that already has a name.</summary>
    public static void NameData(TfeDataTier data, Resolved names)
    {
        if (names.Adopted)
        {
            return;
        }

        ((CfnDBInstance)data.Database.Node.DefaultChild!).DbInstanceIdentifier = names.Physical.DatabaseIdentifier;
        ((CfnSecret)data.Database.Node.FindChild("Secret").Node.DefaultChild!).Name = names.Physical.DatabaseSecretName;
    }

    /// <summary>Gives the library's encryption password its name (unless adopted or the user's own password is used).</summary>
    public static void NamePassword(TfeAppTier app, Resolved names)
    {
        if (names.Adopted || names.Physical.EncryptionPasswordSecretName is not { } name)
        {
            return;
        }

        ((CfnSecret)app.EncryptionPassword.Node.DefaultChild!).Name = name;
    }

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotNameCharacters();

    [GeneratedRegex("^[a-zA-Z](?:[a-zA-Z0-9]|-(?=[a-zA-Z0-9])){0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatabaseIdentifier();
}
