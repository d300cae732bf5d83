using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.AppTier;

/// <summary>Standalone behind a Classic Load Balancer with an ACM certificate (the node certificate defaults to self-signed).</summary>
public sealed class ClassicFixture() : StandaloneFixture(stack => new TfeStandaloneProps
{
    Hostname = "tfe.example.com",
    License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
    LoadBalancerType = TfeLoadBalancerType.Classic,
    LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", CertificateArn),
})
{
    public const string CertificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/abc";
}
