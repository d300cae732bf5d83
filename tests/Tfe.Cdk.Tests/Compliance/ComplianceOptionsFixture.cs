using Amazon.CDK;
using Amazon.CDK.AWS.Backup;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SNS;
using Tfe.Cdk.Constructs;
using Tfe.Cdk.Tests.AppTier;

namespace Tfe.Cdk.Tests.Compliance;

/// <summary>
/// Standalone with every compliance option a customer sets: their own alarm topic, a WAF web ACL, the AWS Backup plan
/// with a copy to another region's vault, and a sandbox removal policy (DESTROY) that turns deletion protection off, a break-glass role for the secrets and the FIPS TLS policy.
/// </summary>
public sealed class ComplianceOptionsFixture() : StandaloneFixture(stack => new TfeStandaloneProps
{
    Hostname = "tfe.example.com",
    License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
    LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
    InternetFacing = true,
    IngressCidrs = ["203.0.113.0/24"],
    AlarmTopic = Scaffolding.Nag(new Topic(stack, "Alarms", new TopicProps { EnforceSSL = true }), "AwsSolutions-SNS3", "SNSEncryptedKMS"),
    LoadBalancerWebAclArn = WebAclArn,
    BreakGlassPrincipalArns = [BreakGlassArn],
    FipsTlsPolicy = true,
    Data = new TfeDataTierOptions
    {
        RemovalPolicy = RemovalPolicy.DESTROY,
        DatabaseBackupCopyVault = BackupVault.FromBackupVaultArn(stack, "DrVault", DrVaultArn),
    },
})
{
    public const string WebAclArn = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/tfe/11111111-2222-3333-4444-555555555555";
    public const string DrVaultArn = "arn:aws:backup:us-west-2:123456789012:backup-vault:tfe-dr";
    public const string BreakGlassArn = "arn:aws:iam::123456789012:role/security/tfe-break-glass";
}
