using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.AppTier;

/// <summary>Standalone behind an internal Network Load Balancer (the default scheme) with a CA-signed node certificate.</summary>
public sealed class InternalNlbFixture() : StandaloneFixture(stack => new TfeStandaloneProps
{
    Hostname = "tfe.example.com",
    License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
    LoadBalancerType = TfeLoadBalancerType.Network,
    NodeCertificate = TfeNodeCertificate.FromSecret(Secret.FromSecretNameV2(stack, "NodeTls", "tfe/tls")),
});
