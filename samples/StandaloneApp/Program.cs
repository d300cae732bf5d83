using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;
using Tfe.Cdk.Samples;

// Terraform Enterprise, Standalone: one node behind an internal Application Load Balancer, RDS PostgreSQL Multi-AZ, S3.
var app = SampleHost.NewApp();
var env = SampleHost.Environment();
var stack = new Stack(app, "TfeStandalone", new StackProps { Env = env, Description = "Terraform Enterprise, Standalone (Tfe.Cdk sample)" });

var hostname = SampleHost.Setting(app, "tfe:hostname", "tfe.example.com");
var certificateArn = SampleHost.Setting(app, "tfe:certificateArn",
    $"arn:aws:acm:{env.Region}:{env.Account}:certificate/00000000-0000-0000-0000-000000000000");
var licenseSecretName = SampleHost.Setting(app, "tfe:licenseSecretName", "tfe/license");
var hostedZoneId = SampleHost.Setting(app, "tfe:hostedZoneId", string.Empty);
var hostedZoneName = SampleHost.Setting(app, "tfe:hostedZoneName", string.Empty);

new TfeStandalone(stack, "Tfe", new TfeStandaloneProps
{
    Hostname = hostname,
    License = Secret.FromSecretNameV2(stack, "License", licenseSecretName),
    LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Certificate", certificateArn),
    HostedZone = hostedZoneId.Length == 0 ? null : HostedZone.FromHostedZoneAttributes(stack, "Zone", new HostedZoneAttributes
    {
        HostedZoneId = hostedZoneId,
        ZoneName = hostedZoneName,
    }),
});

SampleHost.SynthAndSummarize(app,
[
    ("tfe:hostname", "the FQDN users reach TFE at (now: " + hostname + ")"),
    ("tfe:certificateArn", "an ACM certificate covering that hostname"),
    ("tfe:licenseSecretName", "a Secrets Manager secret holding the TFE license string (now: " + licenseSecretName + ")"),
    ("tfe:hostedZoneId / tfe:hostedZoneName", "optional: a Route 53 zone for the alias record"),
]);
