using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;
using Tfe.Cdk.Constructs;

namespace TfeCdkApp;

/// <summary>Properties of <see cref="TfeStack"/>.</summary>
public sealed class TfeStackProps : StackProps
{
    /// <summary>The deploy-time settings (hostname, certificate, license secret, optional hosted zone).</summary>
    public required TfeSettings Settings { get; init; }
}

/// <summary>
#if (ActiveActive)
/// Terraform Enterprise, Active/Active: three nodes in alternate Availability Zones behind an internal Application
/// Load Balancer, sharing RDS for PostgreSQL (Multi-AZ), S3 and ElastiCache for Redis.
#else
/// Terraform Enterprise, Standalone: one node behind an internal Application Load Balancer, in an Auto Scaling group
/// of one that replaces it when it fails, with RDS for PostgreSQL (Multi-AZ) and S3.
#endif
/// </summary>
public sealed class TfeStack : Stack
{
    /// <summary>Defines the deployment.</summary>
    public TfeStack(Construct scope, string id, TfeStackProps props)
        : base(scope, id, props)
    {
        var settings = props.Settings;
        var license = Secret.FromSecretNameV2(this, "License", settings.LicenseSecretName);
        var certificate = Certificate.FromCertificateArn(this, "Certificate", settings.CertificateArn);
        var zone = settings.HostedZoneId is { } zoneId
            ? HostedZone.FromHostedZoneAttributes(this, "Zone", new HostedZoneAttributes { HostedZoneId = zoneId, ZoneName = settings.HostedZoneName! })
            : null;

#if (ActiveActive)
        Tfe = new TfeActiveActive(this, "Tfe", new TfeActiveActiveProps
        {
            Hostname = settings.Hostname,
            License = license,
            LoadBalancerCertificate = certificate,
            HostedZone = zone,
            NodeCount = 3, // one node per Availability Zone; 1 to 5, and the Auto Scaling group is pinned to it
        });
#else
        Tfe = new TfeStandalone(this, "Tfe", new TfeStandaloneProps
        {
            Hostname = settings.Hostname,
            License = license,
            LoadBalancerCertificate = certificate,
            HostedZone = zone,
        });
#endif

        foreach (var key in settings.ExampleValues())
        {
            Annotations.Of(this).AddWarningV2("tfe-app:example-setting",
                $"{key} is still the example value from cdk.json: set your own before `cdk deploy` (README.md, Settings).");
        }
    }

    /// <summary>The Terraform Enterprise deployment: its load balancer, nodes, data tier, alarms and outputs.</summary>
#if (ActiveActive)
    public TfeActiveActive Tfe { get; }
#else
    public TfeStandalone Tfe { get; }
#endif
}
