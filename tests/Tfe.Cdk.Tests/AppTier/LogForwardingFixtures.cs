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
