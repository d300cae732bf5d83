using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;
using Tfe.Cdk.Samples;

namespace Tfe.Cdk.Tests.Dr;

/// <summary>The three stacks of a DR pair, synthesized once (one app), plus the app's manifest.</summary>
public sealed class DrApp
{
    public DrApp(Stack storage, Stack primary, Stack dr)
    {
        Storage = new SynthesizedTemplate(storage);
        Primary = new SynthesizedTemplate(primary);
        Dr = new SynthesizedTemplate(dr);
        var assembly = ((App)dr.Node.Root).Synth();
        Manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(assembly.Directory, "manifest.json")))!.AsObject();
    }

    public SynthesizedTemplate Storage { get; }

    public SynthesizedTemplate Primary { get; }

    public SynthesizedTemplate Dr { get; }

    public JsonObject Manifest { get; }

    public IEnumerable<SynthesizedTemplate> All => [Storage, Primary, Dr];

    /// <summary>The stacks a stack depends on, from the cloud assembly's manifest (what `cdk deploy --all` orders by).</summary>
    public IReadOnlyList<string> DependenciesOf(string stackName) =>
        Manifest["artifacts"]![stackName]!["dependencies"]!.AsArray().Select(d => (string)d!).Where(d => !d.EndsWith(".assets", StringComparison.Ordinal)).ToList();

    /// <summary>A new app with both regions' AZs and cached node images in context (no lookup, no dummy image).</summary>
    public static App NewApp(IDictionary<string, object>? context = null)
    {
        var app = TestApp.NewApp(MultiRegionSample.PrimaryRegion);
        app.Node.SetContext($"availability-zones:account={TestApp.Account}:region={MultiRegionSample.DrRegion}",
            new[] { "us-west-2a", "us-west-2b", "us-west-2c" });
        app.Node.SetContext(TestApp.ImageContextKey(MultiRegionSample.DrRegion), TestApp.ImageId);
        foreach (var (key, value) in context ?? new Dictionary<string, object>())
        {
            app.Node.SetContext(key, value);
        }

        return app;
    }

    /// <summary>A Standalone primary with a cold standby: the library's smallest DR pair.</summary>
    public static DrApp ColdStandalone(bool promoted, TfeDrRestoreSource? restore, TfeDatabaseAuthentication? authentication = null)
    {
        var app = NewApp();
        var dr = new TfeDisasterRecovery
        {
            NamePrefix = "tfe-cold", PrimaryRegion = "us-east-1", DrRegion = "us-west-2", StandbyMode = TfeStandbyMode.Cold, BackupReplicationKeyArn = BackupKeyArn,
        };
        var storageStack = new Stack(app, "Storage", new StackProps { Env = TestApp.Env("us-west-2") });
        var storage = new TfeDrStorage(storageStack, "Storage", new TfeDrStorageProps { DisasterRecovery = dr });
        var primaryStack = new Stack(app, "Primary", new StackProps { Env = TestApp.Env("us-east-1") });
        var primary = new TfeStandalone(primaryStack, "Tfe", new TfeStandaloneProps
        {
            Hostname = "tfe.example.com",
            License = Secret.FromSecretNameV2(primaryStack, "License", "tfe/license"),
            LoadBalancerCertificate = Certificate.FromCertificateArn(primaryStack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
            DisasterRecovery = dr,
            NamePrefix = dr.NamePrefix,
            Data = authentication is null ? null : new TfeDataTierOptions { DatabaseAuthentication = authentication },
        });
        var drStack = new Stack(app, "Dr", new StackProps { Env = TestApp.Env("us-west-2") });
        new TfeDrRegion(drStack, "Tfe", new TfeDrRegionProps
        {
            DisasterRecovery = dr,
            Storage = storage,
            Primary = primary,
            Promoted = promoted,
            RestoreSource = restore,
            Hostname = "tfe.example.com",
            License = Secret.FromSecretNameV2(drStack, "License", "tfe/license"),
            LoadBalancerCertificate = Certificate.FromCertificateArn(drStack, "Cert", "arn:aws:acm:us-west-2:123456789012:certificate/def"),
        });
        return new DrApp(storageStack, primaryStack, drStack);
    }

    /// <summary>The DR storage key's ARN, as the storage stack's KeyArn output gives it.</summary>
    public const string BackupKeyArn = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    public const string RestoreArn = "arn:aws:rds:us-west-2:123456789012:auto-backup:ab-l2ijcexjp7xq7hoj4siexample";
}

// The DR apps are synthesized once per test run, whichever classes use them (a class fixture is per class): the tests only
// read the templates. Every test runs in the assembly's one collection, one at a time, so the lazy values need no lock.

/// <summary>samples/MultiRegionApp at rest: A/A in us-east-1, warm standby in us-west-2.</summary>
public sealed class MultiRegionSampleFixture
{
    internal static readonly Lazy<DrApp> Shared = new(() => Sample(new Dictionary<string, object>()));

    public DrApp App { get; } = Shared.Value;

    internal static DrApp Sample(IDictionary<string, object> context)
    {
        var stacks = MultiRegionSample.Define(DrApp.NewApp(context), TestApp.Env(MultiRegionSample.PrimaryRegion), TestApp.Env(MultiRegionSample.DrRegion));
        return new DrApp(stacks.DrStorage, stacks.Primary, stacks.Dr);
    }
}

/// <summary>samples/MultiRegionApp failed over: <c>-c tfe:promoted=true</c>.</summary>
public sealed class MultiRegionPromotedFixture
{
    internal static readonly Lazy<DrApp> Shared = new(() => MultiRegionSampleFixture.Sample(new Dictionary<string, object> { ["tfe:promoted"] = "true" }));

    public DrApp App { get; } = Shared.Value;
}

/// <summary>
/// samples/MultiRegionApp failed over with every deploy-time setting docs/disaster-recovery.md gives (hostname,
/// certificates, license, hosted zone): a promotion must pass the same context as the deployment.
/// </summary>
public sealed class MultiRegionDeployContextFixture
{
    public const string Hostname = "tfe.corp.example.com";
    public const string ZoneId = "Z0123456789ABCDEFGHIJ";
    public const string PrimaryCertificate = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-1111-1111-1111-111111111111";
    public const string DrCertificate = "arn:aws:acm:us-west-2:123456789012:certificate/22222222-2222-2222-2222-222222222222";

    internal static readonly Lazy<DrApp> Shared = new(() => MultiRegionSampleFixture.Sample(new Dictionary<string, object>
    {
        ["tfe:hostname"] = Hostname,
        ["tfe:certificateArn"] = PrimaryCertificate,
        ["tfe:drCertificateArn"] = DrCertificate,
        ["tfe:licenseSecretName"] = "tfe/license",
        ["tfe:hostedZoneId"] = ZoneId,
        ["tfe:hostedZoneName"] = "corp.example.com",
        ["tfe:promoted"] = "true",
    }));

    public DrApp App { get; } = Shared.Value;
}

/// <summary>A Standalone primary with a cold standby at rest (no database in the DR region).</summary>
public sealed class ColdStandbyFixture
{
    internal static readonly Lazy<DrApp> Shared = new(() => DrApp.ColdStandalone(promoted: false, restore: null));

    public DrApp App { get; } = Shared.Value;
}

/// <summary>The same cold standby failed over: restored from the replicated automated backups and promoted.</summary>
public sealed class ColdRestoredFixture
{
    internal static readonly Lazy<DrApp> Shared = new(() => DrApp.ColdStandalone(promoted: true, restore: TfeDrRestoreSource.FromAutomatedBackups(DrApp.RestoreArn)));

    public DrApp App { get; } = Shared.Value;
}

/// <summary>The restored cold standby of a primary whose nodes use RDS IAM authentication (docs/passwordless-database.md).</summary>
public sealed class ColdRestoredIamFixture
{
    internal static readonly Lazy<DrApp> Shared = new(() => DrApp.ColdStandalone(promoted: true,
        restore: TfeDrRestoreSource.FromAutomatedBackups(DrApp.RestoreArn), authentication: TfeDatabaseAuthentication.Iam));

    public DrApp App { get; } = Shared.Value;
}
