using Amazon.CDK.AWS.ECR;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// What an <see cref="TfeImageSource"/> needs of the app tier: the node role's access to the registry (ECR pull, the
/// credentials secret), and the login and image lines of the node's configuration.
/// </summary>
internal static class TfeImageSourceWiring
{
    /// <summary>The reason <c>ecr:GetAuthorizationToken</c> is granted on <c>Resource "*"</c> (AwsSolutions-IAM5).</summary>
    public const string EcrTokenReason =
        "The ECR image source logs in with ecr:GetAuthorizationToken, which supports no resource-level permission (it returns a token for the account's registry), so it is granted on Resource \"*\"; the pull actions (ecr:BatchGetImage, ecr:GetDownloadUrlForLayer, ecr:BatchCheckLayerAvailability) are granted on the one repository.";

    /// <summary>Lets the node role pull from the source: an ECR repository's images, or read the registry credentials.</summary>
    public static void Grant(TfeAppTier tier, TfeImageSource source)
    {
        switch (source.Login)
        {
            case TfeImageLogin.Ecr:
                // GetAuthorizationToken on "*" and the three pull actions on this repository (IRepository.GrantPull).
                source.EcrRepository!.GrantPull(tier.Role);
                NagSuppressions.Add(tier.Role.Node.FindChild("DefaultPolicy"), false,
                    new NagSuppressions.Suppression("AwsSolutions-IAM5", EcrTokenReason, ["Resource::*"]));
                break;
            case TfeImageLogin.Secret:
                tier.GrantReadUserSecret(source.Credentials!);
                break;
        }
    }

    /// <summary>The node configuration's image and registry login for <paramref name="source"/>.</summary>
    public static TfeNodeConfiguration Configure(TfeNodeConfiguration configuration, TfeImageSource source, string tag, string? digest) => configuration with
    {
        Image = TfeImageReference.Of(source.Repository!, tag, digest),
        RegistryLogin = source.Login,
        RegistryRegion = source.EcrRepository is IRepository repository ? repository.Env.Region : null,
        RegistrySecretArn = source.Credentials?.SecretArn,
    };
}
