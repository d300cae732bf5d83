using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Samples;

/// <summary>
/// Terraform Enterprise, Active/Active in us-east-1 with a warm standby in us-west-2: three stacks in one app, deployed by
/// <c>cdk deploy --all</c> in the order DR storage → primary → DR, with no cross-region reference.
/// </summary>
public static class MultiRegionSample
{
    /// <summary>The primary region.</summary>
    public const string PrimaryRegion = "us-east-1";

    /// <summary>The disaster recovery region.</summary>
    public const string DrRegion = "us-west-2";

    /// <summary>Defines the three stacks in <paramref name="app"/>; placeholders stand in for unset deploy-time settings.</summary>
    /// <remarks>Context <c>tfe:promoted=true</c> fails over (deploy the DR stack alone with it).</remarks>
    public static MultiRegionStacks Define(App app, Amazon.CDK.Environment primaryEnv, Amazon.CDK.Environment drEnv)
    {
        var dr = new TfeDisasterRecovery
        {
            NamePrefix = "tfe-sample",
            PrimaryRegion = PrimaryRegion,
            DrRegion = DrRegion,
            StandbyMode = TfeStandbyMode.Warm,
        };

        var storageStack = new Stack(app, "TfeMultiRegion-DrStorage", new StackProps
        {
            Env = drEnv,
            Description = "Terraform Enterprise DR storage: the key and the bucket the primary replicates into (Tfe.Cdk sample)",
        });
        var storage = new TfeDrStorage(storageStack, "Storage", new TfeDrStorageProps { DisasterRecovery = dr });

        var primaryStack = new Stack(app, "TfeMultiRegion-Primary", new StackProps
        {
            Env = primaryEnv,
            Description = "Terraform Enterprise, Active/Active, primary region of a DR pair (Tfe.Cdk sample)",
        });
        var primarySettings = SampleHost.ReadSettings(app, primaryStack);
        var primary = new TfeActiveActive(primaryStack, "Tfe", new TfeActiveActiveProps
        {
            Hostname = primarySettings.Hostname,
            License = primarySettings.License,
            LoadBalancerCertificate = primarySettings.Certificate,
            // ReadSettings imports the zone when tfe:hostedZoneId is set; the placeholder zone only when it is not.
            HostedZone = primarySettings.HostedZone ?? Zone(app, primaryStack),
            NodeCount = 3,
            // The deployment's names (database, secrets) and the pair's share one prefix: set before the first deploy.
            NamePrefix = dr.NamePrefix,
            DisasterRecovery = dr,
            // Passwordless cache (docs/security.md); the DR region's own cache gets its own IAM user and group below.
            Redis = new TfeRedisOptions { Authentication = TfeRedisAuthentication.Iam },
        });

        var drStack = new Stack(app, "TfeMultiRegion-Dr", new StackProps
        {
            Env = drEnv,
            Description = "Terraform Enterprise, warm standby in the DR region (Tfe.Cdk sample)",
        });
        new TfeDrRegion(drStack, "Tfe", new TfeDrRegionProps
        {
            DisasterRecovery = dr,
            Storage = storage,
            Primary = primary,
            Promoted = Context(app, "tfe:promoted") == "true",
            Hostname = primarySettings.Hostname,
            // The license secret, copied or replicated into the DR region under the same name.
            License = Secret.FromSecretNameV2(drStack, "License", Context(app, "tfe:licenseSecretName") ?? "tfe/license"),
            // ACM certificates are regional: one for the same hostname in the DR region.
            LoadBalancerCertificate = Certificate.FromCertificateArn(drStack, "Certificate", Context(app, "tfe:drCertificateArn")
                ?? $"arn:aws:acm:{DrRegion}:{drStack.Account}:certificate/00000000-0000-0000-0000-000000000000"),
            HostedZone = Zone(app, drStack),
            Redis = new TfeRedisOptions { Authentication = TfeRedisAuthentication.Iam },
        });

        return new MultiRegionStacks(storageStack, primaryStack, drStack);
    }

    /// <summary>The Route 53 zone, imported in each stack (Route 53 is global); a placeholder zone when unset.</summary>
    private static IHostedZone Zone(App app, Stack stack) =>
        HostedZone.FromHostedZoneAttributes(stack, "Zone", new HostedZoneAttributes
        {
            HostedZoneId = Context(app, "tfe:hostedZoneId") ?? "Z00000000000000000000",
            ZoneName = Context(app, "tfe:hostedZoneName") ?? "example.com",
        });

    private static string? Context(App app, string key) =>
        app.Node.TryGetContext(key) is { } value && value.ToString() is { Length: > 0 } text ? string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) ? "true" : text : null;
}

/// <summary>The sample's three stacks, in deployment order.</summary>
/// <param name="DrStorage">The DR region's key and bucket (deployed first).</param>
/// <param name="Primary">The primary region's deployment.</param>
/// <param name="Dr">The warm standby in the DR region (deployed last).</param>
public sealed record MultiRegionStacks(Stack DrStorage, Stack Primary, Stack Dr);
