using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;
using Tfe.Cdk.Tests.AppTier;

namespace Tfe.Cdk.Tests.Versions;

/// <summary>
/// Standalone on a release the support table does not know (3.0.0), with the user's secrets under customer-managed keys:
/// the license imported with its key, the node certificate imported by name and covered by <c>SecretsEncryptionKey</c>.
/// </summary>
public sealed class UnknownReleaseWithCustomerKeysFixture() : StandaloneFixture(stack => new TfeStandaloneProps
{
    Hostname = "tfe.example.com",
    TfeVersion = "3.0.0",
    License = Secret.FromSecretAttributes(stack, "License", new SecretAttributes
    {
        SecretCompleteArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:tfe/license-AbCdEf",
        EncryptionKey = Key.FromKeyArn(stack, "LicenseKey", LicenseKeyArn),
    }),
    NodeCertificate = TfeNodeCertificate.FromSecret(Secret.FromSecretNameV2(stack, "NodeTls", "tfe/node-tls")),
    SecretsEncryptionKey = Key.FromKeyArn(stack, "SecretsKey", SecretsKeyArn),
    LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
})
{
    public const string LicenseKeyArn = "arn:aws:kms:us-east-1:123456789012:key/11111111-1111-1111-1111-111111111111";
    public const string SecretsKeyArn = "arn:aws:kms:us-east-1:123456789012:key/22222222-2222-2222-2222-222222222222";
}
