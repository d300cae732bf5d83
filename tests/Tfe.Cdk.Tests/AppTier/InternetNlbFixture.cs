using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.AppTier;

/// <summary>Standalone behind an internet-facing Network Load Balancer with the default target type and a CA-signed node certificate.</summary>
public sealed class InternetNlbFixture() : StandaloneFixture(stack => new TfeStandaloneProps
{
    Hostname = "tfe.example.com",
    License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
    LoadBalancerType = TfeLoadBalancerType.Network,
    InternetFacing = true,
    NodeCertificate = TfeNodeCertificate.FromSecret(Secret.FromSecretNameV2(stack, "NodeTls", "tfe/tls")),
    ImageSource = TfeImageSource.FromRegistry(RegistryRepository, Secret.FromSecretNameV2(stack, "RegistryCredentials", "tfe/registry")),
})
{
    /// <summary>The other registry the image is pulled from (<c>ImageSource</c>), with a port.</summary>
    public const string RegistryRepository = "registry.example.com:5000/mirror/terraform-enterprise";
}
