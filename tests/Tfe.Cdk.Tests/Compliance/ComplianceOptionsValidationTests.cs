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

    [Fact]
    public void A_Classic_Load_Balancer_Topology_Builds_Without_Asking_For_Deletion_Protection()
    {
        // The topology turns deletion protection on by default; a Classic Load Balancer has none, so the default must not
        // become the explicit true that the app tier refuses (NET-1).
        var stack = TestApp.NewStack();
        var tfe = new TfeStandalone(stack, "Tfe", new TfeStandaloneProps
        {
            Hostname = "tfe.example.com",
            License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
            LoadBalancerType = TfeLoadBalancerType.Classic,
            LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
        });
        Assert.NotNull(tfe.App.ClassicLoadBalancer);
    }

    [Fact]
    [Trait("Rule", "DR-1")]
    public void Accepts_A_Copy_Vault_Of_Another_Account_In_The_Same_Region_DR_1()
    {
        // Only a vault of the stack's own region AND account adds nothing; another account survives the loss of this one.
        var stack = TestApp.NewStack();
        var network = new TfeNetwork(stack, "Net");
        var vaults = 0;
        TfeDataTierProps Props(string arn) => new()
        {
            Network = network,
            DatabaseBackupCopyVault = BackupVault.FromBackupVaultArn(stack, $"Vault{++vaults}", arn),
        };

        Assert.Empty(TfeDataTierPropsValidator.CheckInputs(Props("arn:aws:backup:us-east-1:210987654321:backup-vault:dr"), stack).Violations);
        Assert.Empty(TfeDataTierPropsValidator.CheckInputs(Props("arn:aws:backup:us-west-2:123456789012:backup-vault:dr"), stack).Violations);
        var violation = Assert.Single(TfeDataTierPropsValidator.CheckInputs(Props("arn:aws:backup:us-east-1:123456789012:backup-vault:dr"), stack).Violations);
        Assert.Equal(("DR-1", "DatabaseBackupCopyVault", "\"arn:aws:backup:us-east-1:123456789012:backup-vault:dr\""), (violation.RuleId, violation.PropertyName, violation.Value));
    }
}
