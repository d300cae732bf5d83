using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.AppTier;

/// <summary>Standalone forwarding TFE's logs to CloudWatch Logs, into the log group the app tier defines.</summary>
public sealed class CloudWatchLogForwardingFixture() : StandaloneFixture(stack => new TfeStandaloneProps
{
    Hostname = "tfe.example.com",
    License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
    LoadBalancerCertificate = Amazon.CDK.AWS.CertificateManager.Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
    LogRetention = Amazon.CDK.AWS.Logs.RetentionDays.THREE_MONTHS,
    LogForwarding = TfeLogForwarding.ToCloudWatchLogs(),
});

/// <summary>Standalone forwarding TFE's logs to S3, into the bucket the app tier defines, under a two-segment prefix.</summary>
public sealed class S3LogForwardingFixture() : StandaloneFixture(stack => new TfeStandaloneProps
{
    Hostname = "tfe.example.com",
    License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
    LoadBalancerCertificate = Amazon.CDK.AWS.CertificateManager.Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
    LogForwarding = TfeLogForwarding.ToS3(prefix: "tfe/production"),
});

/// <summary>Standalone forwarding to S3 into a bucket the user imported by name (no key known), under one prefix.</summary>
public sealed class ImportedBucketLogForwardingFixture() : StandaloneFixture(stack => new TfeStandaloneProps
{
    Hostname = "tfe.example.com",
    License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
    LoadBalancerCertificate = Amazon.CDK.AWS.CertificateManager.Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
    LogForwarding = TfeLogForwarding.ToS3(Amazon.CDK.AWS.S3.Bucket.FromBucketName(stack, "AuditBucket", "corp-audit-logs"), "tfe"),
});

/// <summary>Standalone forwarding to CloudWatch Logs into a log group the user imported by name.</summary>
public sealed class ImportedLogGroupLogForwardingFixture() : StandaloneFixture(stack => new TfeStandaloneProps
{
    Hostname = "tfe.example.com",
    License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
    LoadBalancerCertificate = Amazon.CDK.AWS.CertificateManager.Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
    LogForwarding = TfeLogForwarding.ToCloudWatchLogs(Amazon.CDK.AWS.Logs.LogGroup.FromLogGroupName(stack, "AuditGroup", "corp/tfe-audit")),
});
