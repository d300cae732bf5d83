using Amazon.CDK.AWS.Backup;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Compliance;

/// <summary>Compliance options set where they cannot apply: refused at construction time, never synthesized.</summary>
public sealed class ComplianceOptionsValidationTests
{
    [Fact]
    [Trait("Rule", "cdk-nag:ALBWAFEnabled")]
    public void Fails_When_A_Web_Acl_Is_Given_To_A_Network_Load_Balancer()
    {
        var stack = TestApp.NewStack();
        var props = new TfeStandaloneProps
        {
            Hostname = "tfe.example.com",
            License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
            LoadBalancerType = TfeLoadBalancerType.Network,
            NodeCertificate = TfeNodeCertificate.FromSecret(Secret.FromSecretNameV2(stack, "Tls", "tfe/tls")),
            LoadBalancerWebAclArn = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/tfe/abc",
        };
        var error = Assert.Throws<TfeValidationException>(() => new TfeStandalone(stack, "Tfe", props));
        Assert.Contains(error.Violations, v => v.RuleId == RuleIds.Net1 && v.PropertyName == "LoadBalancerWebAclArn");
    }

    [Fact]
    [Trait("Rule", "cdk-nag:ALBWAFEnabled")]
    public void Fails_When_The_Web_Acl_Arn_Is_Not_A_Regional_Web_Acl()
    {
        var stack = TestApp.NewStack();
        var props = new TfeStandaloneProps
        {
            Hostname = "tfe.example.com",
            License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
            LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
            LoadBalancerWebAclArn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/tfe/abc",
        };
        var error = Assert.Throws<TfeValidationException>(() => new TfeStandalone(stack, "Tfe", props));
        Assert.Contains(error.Violations, v => v.RuleId == RuleIds.Net1 && v.PropertyName == "LoadBalancerWebAclArn");
    }

    [Fact]
    [Trait("Rule", "cdk-nag:RDSInBackupPlan")]
    public void Fails_When_A_Copy_Vault_Is_Given_With_The_Backup_Plan_Turned_Off()
    {
        var stack = TestApp.NewStack();
        var props = new TfeStandaloneProps
        {
            Hostname = "tfe.example.com",
            License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
            LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
            Data = new TfeDataTierOptions
            {
                DatabaseBackupPlan = false,
                DatabaseBackupCopyVault = BackupVault.FromBackupVaultArn(stack, "DrVault", "arn:aws:backup:us-west-2:123456789012:backup-vault:dr"),
            },
        };
        var error = Assert.Throws<TfeValidationException>(() => new TfeStandalone(stack, "Tfe", props));
        Assert.Contains(error.Violations, v => v.RuleId == RuleIds.Dr1 && v.PropertyName == "DatabaseBackupCopyVault");
    }
}
