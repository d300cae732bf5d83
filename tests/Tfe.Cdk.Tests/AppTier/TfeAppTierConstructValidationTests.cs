using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.AppTier;

/// <summary>
/// The app tier's rules through the public constructor of <see cref="TfeStandalone"/>: each case builds the construct in a
/// fresh stack and expects one <see cref="TfeValidationException"/>. Nothing is synthesised.
/// </summary>
public sealed class TfeAppTierConstructValidationTests
{
    private static TfeStandaloneProps ValidNlb(Stack stack) => new()
    {
        Hostname = "tfe.example.com",
        License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
        LoadBalancerType = TfeLoadBalancerType.Network,
        NodeCertificate = TfeNodeCertificate.FromSecret(Secret.FromSecretNameV2(stack, "NodeTls", "tfe/tls")),
    };

    private static TfeValidationException Build(Func<Stack, TfeStandaloneProps> props)
    {
        var stack = TestApp.NewStack();
        return Assert.Throws<TfeValidationException>(() => new TfeStandalone(stack, "Tfe", props(stack)));
    }

    [Fact]
    [Trait("Rule", "COMP-1")]
    [Trait("Rule", "COMP-2")]
    [Trait("Rule", "NET-2")]
    [Trait("Rule", "TLS-2")]
    public void Fails_Once_With_Every_Violation_Named_By_Prop_And_Value_COMP_1_COMP_2_NET_2_TLS_2()
    {
        var error = Build(stack => new TfeStandaloneProps
        {
            Hostname = "",
            License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
            InstanceType = new InstanceType("t3.xlarge"),
            RootVolumeSizeGiB = 30,
            LoadBalancerCertificate = null,
        });

        Assert.Equal(["COMP-1", "COMP-2", "NET-2", "TLS-2"], error.RuleIds.Order(StringComparer.Ordinal));
        Assert.StartsWith("Test/Tfe", error.ConstructPath, StringComparison.Ordinal);
        Assert.Contains("InstanceType must not be a burstable (T-family) type, got \"t3.xlarge\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("RootVolumeSizeGiB must be at least 50 GiB, got 30", error.Message, StringComparison.Ordinal);
        Assert.Contains("Hostname must be a fully qualified domain name", error.Message, StringComparison.Ordinal);
        Assert.Contains("got \"\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("LoadBalancerCertificate is required with an Application Load Balancer", error.Message, StringComparison.Ordinal);
        Assert.Equal(
            ["Hostname", "InstanceType", "LoadBalancerCertificate", "RootVolumeSizeGiB"],
            error.Violations.Select(v => v.PropertyName).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    [Trait("Rule", "TLS-5")]
    public void Fails_When_An_Internal_Nlb_Targets_Instance_Ids_TLS_5()
    {
        var error = Build(stack => ValidNlb(stack) with { TargetType = TfeTargetType.Instance });

        Assert.Equal(["TLS-5"], error.RuleIds);
        Assert.Equal("TargetType", error.PropertyName);
    }

    [Fact]
    [Trait("Rule", "TLS-6")]
    public void Fails_When_An_Nlb_Is_Given_An_Acm_Certificate_TLS_6()
    {
        var error = Build(stack => ValidNlb(stack) with
        {
            LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
        });

        Assert.Equal(["TLS-6"], error.RuleIds);
        Assert.Equal("LoadBalancerCertificate", error.PropertyName);
    }

    [Fact]
    [Trait("Rule", "TLS-4")]
    public void Fails_When_An_Nlb_Node_Certificate_Is_Self_Signed_TLS_4()
    {
        var error = Build(stack => ValidNlb(stack) with { NodeCertificate = TfeNodeCertificate.SelfSignedAtBoot() });

        Assert.Equal(["TLS-4"], error.RuleIds);
        Assert.Equal("NodeCertificate", error.PropertyName);
    }
}
