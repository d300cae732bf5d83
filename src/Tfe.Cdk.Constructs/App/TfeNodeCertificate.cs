using Amazon.CDK.AWS.SecretsManager;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The TLS certificate each TFE node serves (<c>TFE_TLS_CERT_FILE</c>, <c>TFE_TLS_KEY_FILE</c>): TFE always listens for
/// TLS, even behind a load balancer that terminates it (TLS-2).
/// </summary>
public sealed class TfeNodeCertificate
{
    private TfeNodeCertificate(ISecret? secret, bool selfSigned)
    {
        Secret = secret;
        IsSelfSigned = selfSigned;
    }

    /// <summary>The secret holding the certificate, or null for a certificate generated at boot.</summary>
    public ISecret? Secret { get; }

    /// <summary>True for a self-signed certificate generated on the node at boot.</summary>
    public bool IsSelfSigned { get; }

    /// <summary>
    /// A CA-signed certificate (public or private CA, TLS-1) read from Secrets Manager by the node at boot.
    /// </summary>
    /// <param name="secret">
    /// A secret whose string is JSON: <c>{"certificate": "&lt;PEM chain&gt;", "private_key": "&lt;PEM&gt;", "ca_bundle": "&lt;PEM, optional&gt;"}</c>.
    /// The certificate must cover the TFE hostname.
    /// </param>
    /// <remarks>A null secret is refused (TLS-1) when the construct using it is defined, with the other mistakes.</remarks>
    public static TfeNodeCertificate FromSecret(ISecret secret) => new(secret, selfSigned: false);

    /// <summary>
    /// A self-signed certificate generated on each node at boot. Allowed only behind an Application or Classic Load
    /// Balancer, which presents the public certificate to clients (TLS-4).
    /// </summary>
    public static TfeNodeCertificate SelfSignedAtBoot() => new(null, selfSigned: true);
}
