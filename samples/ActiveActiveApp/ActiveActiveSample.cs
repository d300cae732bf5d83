using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Samples;

/// <summary>
/// Terraform Enterprise, Active/Active: three nodes over three AZs behind an internal Application Load Balancer,
/// sharing RDS PostgreSQL Multi-AZ, S3 and ElastiCache for Redis (one cache node per AZ, automatic failover).
/// </summary>
public static class ActiveActiveSample
{
    /// <summary>What a user sets (as CDK context, <c>-c key=value</c>) to deploy the sample for real.</summary>
    public static readonly IReadOnlyList<(string Key, string Meaning)> Settings =
    [
        ("tfe:hostname", "the FQDN users reach TFE at"),
        ("tfe:certificateArn", "an ACM certificate covering that hostname"),
        ("tfe:licenseSecretName", "a Secrets Manager secret holding the TFE license string"),
        ("tfe:hostedZoneId / tfe:hostedZoneName", "optional: a Route 53 zone for the alias record"),
    ];

    /// <summary>Defines the sample's stack in <paramref name="app"/>; placeholders stand in for unset settings.</summary>
    public static Stack Define(App app, Amazon.CDK.Environment env)
    {
        var stack = new Stack(app, "TfeActiveActive", new StackProps { Env = env, Description = "Terraform Enterprise, Active/Active (Tfe.Cdk sample)" });
        var hostedZoneId = SampleHost.Setting(app, "tfe:hostedZoneId", string.Empty);
        new TfeActiveActive(stack, "Tfe", new TfeActiveActiveProps
        {
            Hostname = SampleHost.Setting(app, "tfe:hostname", "tfe.example.com"),
            License = Secret.FromSecretNameV2(stack, "License", SampleHost.Setting(app, "tfe:licenseSecretName", "tfe/license")),
            LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Certificate", SampleHost.Setting(app, "tfe:certificateArn",
                $"arn:aws:acm:{env.Region}:{env.Account}:certificate/00000000-0000-0000-0000-000000000000")),
            NodeCount = 3,
            HostedZone = hostedZoneId.Length == 0 ? null : HostedZone.FromHostedZoneAttributes(stack, "Zone", new HostedZoneAttributes
            {
                HostedZoneId = hostedZoneId,
                ZoneName = SampleHost.Setting(app, "tfe:hostedZoneName", string.Empty),
            }),
        });
        return stack;
    }
}
