namespace Tfe.Cdk.Constructs;

/// <summary>
/// Who may read the deployment's secrets besides CloudFormation (<see cref="SecretReadPolicy"/>): the app tier's nodes and
/// the break-glass principals, on the encryption password, the database credentials and the Redis AUTH token.
/// </summary>
internal static class TfeSecretReaders
{
    public static void Apply(TfeAppTier tier, TfeAppTierProps props)
    {
        var secrets = new List<Amazon.CDK.AWS.SecretsManager.ISecret> { tier.EncryptionPassword, props.DataTier.DatabaseSecret };
        if (props.Redis?.AuthToken is { } authToken)
        {
            // With IAM authentication the token is kept but unread: only the break-glass principals are admitted.
            secrets.Add(authToken);
        }

        SecretReadPolicy.AllowReader(tier.EncryptionPassword, tier.Role);
        foreach (var secret in secrets)
        {
            SecretReadPolicy.AllowArns(secret, props.BreakGlassPrincipalArns ?? []);
        }
    }
}
