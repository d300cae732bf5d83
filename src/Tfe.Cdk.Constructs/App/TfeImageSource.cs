using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.SecretsManager;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// Where the nodes pull the <c>terraform-enterprise</c> image from (<see cref="TfeAppTierOptions.ImageSource"/>), and how
/// they log in to that registry. The tag is always <see cref="TfeAppTierOptions.TfeVersion"/> and a
/// <see cref="TfeAppTierOptions.ImageDigest"/> pins the content whatever the source; the license is delivered to TFE as
/// a file in every case, and TFE checks it at every start (docs/private-registry.md).
/// </summary>
public sealed class TfeImageSource
{
    private TfeImageSource(TfeImageLogin login, string? repository, IRepository? ecrRepository, ISecret? credentials)
    {
        Login = login;
        Repository = repository;
        EcrRepository = ecrRepository;
        Credentials = credentials;
    }

    /// <summary>
    /// The image repository the nodes pull, without tag or digest: <c>images.releases.hashicorp.com/hashicorp/terraform-enterprise</c>,
    /// the ECR repository's URI (a deploy-time value), or the repository given to <see cref="FromRegistry"/>.
    /// </summary>
    public string? Repository { get; }

    /// <summary>The ECR repository of <see cref="FromEcr"/>; null for the other sources.</summary>
    public IRepository? EcrRepository { get; }

    /// <summary>The secret holding the registry's username and password (<see cref="FromRegistry"/>); null for the other sources.</summary>
    public ISecret? Credentials { get; }

    /// <summary>How the node logs in before it pulls.</summary>
    internal TfeImageLogin Login { get; }

    /// <summary>
    /// HashiCorp's registry (<c>images.releases.hashicorp.com</c>), logged in to with the username <c>terraform</c> and the
    /// license as the password, on stdin: what HashiCorp documents. The nodes need a route to the internet (NAT or a proxy).
    /// </summary>
    /// <returns>The default source.</returns>
    public static TfeImageSource HashiCorp() => new(TfeImageLogin.HashiCorp, Defaults.TfeImageRepository, null, null);

    /// <summary>
    /// An Amazon ECR private repository the image was copied into. The node role may pull from this repository only
    /// (<c>ecr:BatchGetImage</c>, <c>ecr:GetDownloadUrlForLayer</c>, <c>ecr:BatchCheckLayerAvailability</c>) and get a
    /// registry token (<c>ecr:GetAuthorizationToken</c>, which takes no resource); the node logs in with
    /// <c>aws ecr get-login-password --region &lt;the repository's region&gt;</c> piped to <c>docker login --password-stdin</c>
    /// on the host of the repository's URI, so every partition's ECR host is right. No credentials to store or rotate, and
    /// no internet route when the VPC has the ECR and S3 endpoints (docs/private-registry.md).
    /// </summary>
    /// <param name="repository">
    /// The repository, for example <c>Repository.FromRepositoryName(this, "TfeImages", "hashicorp/terraform-enterprise")</c>
    /// or one defined in the app. It must hold the tag <see cref="TfeAppTierOptions.TfeVersion"/> (and the digest, when
    /// pinned). A repository of another account must also admit the node role in its own repository policy.
    /// </param>
    /// <returns>The source.</returns>
    /// <remarks>A null repository or a repository name ECR would refuse is refused (COMP-4) when the construct using it is defined.</remarks>
    public static TfeImageSource FromEcr(IRepository repository) =>
        new(TfeImageLogin.Ecr, repository?.RepositoryUri, repository, null);

    /// <summary>
    /// Another registry (Artifactory, Harbor, Nexus, a registry mirror...), logged in to with a username and password read
    /// from Secrets Manager at boot and passed to <c>docker login --password-stdin</c>: never in the user data, the template
    /// or a command line.
    /// </summary>
    /// <param name="repository">
    /// The image repository without tag or digest: <c>host[:port]/path</c>, for example
    /// <c>registry.example.com/hashicorp/terraform-enterprise</c>. The host is a lower-case DNS name or IPv4 address; the
    /// path is one or more lower-case components (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>), as Docker's image
    /// references require. The nodes must reach the host on its port (a VPC endpoint, peering, a transit gateway: add its
    /// range to <see cref="TfeAppTierOptions.ReachableCidrs"/> when it is outside the VPC), and trust its certificate.
    /// </param>
    /// <param name="credentials">
    /// A secret whose string is JSON: <c>{"username": "...", "password": "..."}</c>, in the stack's region. A secret defined
    /// in the app with a literal value or a generation template is checked for both keys at synth; any other is checked at
    /// boot (a node whose secret lacks one fails with "missing secret field").
    /// </param>
    /// <returns>The source.</returns>
    /// <remarks>A malformed repository or a null secret is refused (COMP-4) when the construct using it is defined.</remarks>
    public static TfeImageSource FromRegistry(string repository, ISecret credentials) =>
        new(TfeImageLogin.Secret, repository, null, credentials);
}

/// <summary>How a node logs in to the registry of its <see cref="TfeImageSource"/>; rendered as <c>REGISTRY_LOGIN</c>.</summary>
internal enum TfeImageLogin
{
    /// <summary><c>hashicorp</c>: username <c>terraform</c>, the license as the password.</summary>
    HashiCorp,

    /// <summary><c>ecr</c>: a token from <c>aws ecr get-login-password</c> with the node role.</summary>
    Ecr,

    /// <summary><c>secret</c>: the username and password of a Secrets Manager secret.</summary>
    Secret,
}
