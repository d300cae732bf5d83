using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;
using Tfe.Cdk.Tests.Dr;

namespace Tfe.Cdk.Tests.Transitions;

/// <summary>
/// Every "before" and "after" deployment of the day-two operations (<see cref="DayTwoOperations"/>), each synthesized
/// once and shared by every operation that starts or ends there. Each variant is its own app whose stacks have the very
/// ids and names of the real stack: some logical ids hash the whole construct path (the CDK's database secret), so a
/// before/after pair must differ in nothing but the change. Variants the library refuses are kept as their exception.
/// </summary>
public sealed class DayTwoApps
{
    private const string Standalone = "TfeDayTwo";
    private const string ActiveActive = "TfeDayTwoAa";
    private const string Pair = "TfeDayTwoPair";
    internal const string WebAclArn = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/tfe/11111111-2222-3333-4444-555555555555";

    private readonly Dictionary<string, Stack> _stacks = [];

    public DayTwoApps()
    {
        var app = new Apps();

        // Standalone, and the operations on it.
        var standalone = DefineStandalone(app, "standalone", p => p);
        var prefix = standalone.NamePrefix;
        DefineStandalone(app, "standalone-version", p => p with { TfeVersion = "1.2.2" });
        DefineStandalone(app, "standalone-resize-nodes", p => p with { InstanceType = new InstanceType("m5.2xlarge") });
        DefineStandalone(app, "standalone-resize-db", p => p with { Data = new TfeDataTierOptions { DatabaseInstanceType = new InstanceType("m6i.2xlarge") } });
        DefineStandalone(app, "standalone-classic", p => p with { LoadBalancerType = TfeLoadBalancerType.Classic });
        DefineStandalone(app, "standalone-zone", p => p with { HostedZone = Zone(_stacks["standalone-zone"]) });
        DefineStandalone(app, "standalone-backups", p => p with { Data = new TfeDataTierOptions { DatabaseBackupPlan = true } });
        DefineStandalone(app, "standalone-waf", p => p with { LoadBalancerWebAclArn = WebAclArn });
        DefineStandalone(app, "standalone-dashboard", p => p with { Dashboard = true });
        DefineStandalone(app, "standalone-dr-warm", p => p with { DisasterRecovery = Warm(prefix) });
        DefineStandalone(app, "standalone-dr-cold", p => p with { DisasterRecovery = Cold(prefix) });
        DefineStandalone(app, "standalone-renamed", p => p with { NamePrefix = "tfe-renamed" });
        var toActiveActive = NewStack(app, "standalone-to-aa", Standalone, TestApp.Region);
        new TfeActiveActive(toActiveActive, "Tfe", ActiveActiveProps(toActiveActive));

        // Active/Active.
        var activeActive = DefineActiveActive(app, "aa", p => p);
        DefineActiveActive(app, "aa-scale", p => p with { NodeCount = 3 });
        DefineActiveActive(app, "aa-db-iam", p => p with { Data = new TfeDataTierOptions { DatabaseAuthentication = TfeDatabaseAuthentication.Iam } });
        DefineActiveActive(app, "aa-resize-cache", p => p with { Redis = new TfeRedisOptions { NodeType = "cache.m5.xlarge" } });
        DefineActiveActive(app, "aa-cache-iam", p => p with { Redis = new TfeRedisOptions { Authentication = TfeRedisAuthentication.Iam } });
        DefineActiveActive(app, "aa-dr-warm", p => p with { DisasterRecovery = Warm(activeActive.NamePrefix) });
        DefineActiveActive(app, "aa-dr-cold", p => p with { DisasterRecovery = Cold(activeActive.NamePrefix) });


        var assemblies = new Dictionary<string, Amazon.CDK.CXAPI.CloudAssembly>();
        Templates = _stacks.ToDictionary(s => s.Key, s =>
        {
            var variant = s.Key.Split('/')[0];
            if (!assemblies.TryGetValue(variant, out var assembly))
            {
                assemblies[variant] = assembly = ((App)s.Value.Node.Root).Synth();
            }

            return JsonNode.Parse(File.ReadAllText(assembly.GetStackArtifact(s.Value.ArtifactId).TemplateFullPath))!.AsObject();
        });

        // DR pairs: the DR apps the DR tests synthesize anyway (the warm sample, A/A; a cold Standalone pair), shared.
        var pairs = Templates.ToDictionary(t => t.Key, t => t.Value);
        pairs["pair-warm/dr"] = MultiRegionSampleFixture.Shared.Value.Dr.Json;
        pairs["pair-warm-promoted/dr"] = MultiRegionPromotedFixture.Shared.Value.Dr.Json;
        pairs["pair-cold/dr"] = ColdStandbyFixture.Shared.Value.Dr.Json;
        pairs["pair-cold-restored/dr"] = ColdRestoredFixture.Shared.Value.Dr.Json;
        Templates = pairs;

        // Refused: never synthesized.
        Refusals = new Dictionary<string, TfeValidationException?>
        {
            ["standalone-dr-other-prefix"] = Refused(a => DefineStandalone(a, "x", p => p with { DisasterRecovery = Warm("tfe-other") })),
            ["pair-warm-other-release"] = Refused(a => DefinePair(a, "x", Pair, TfeStandbyMode.Warm, promoted: false, restore: null, drVersion: "1.2.2")),
        };
    }

    /// <summary>One new app per variant (the first segment of a stack key).</summary>
    private sealed class Apps
    {
        private readonly Dictionary<string, App> _apps = [];

        public App For(string key)
        {
            var variant = key.Split('/')[0];
            return _apps.TryGetValue(variant, out var app) ? app : _apps[variant] = DrApp.NewApp();
        }
    }

    /// <summary>The synthesized templates by stack key ("standalone", "pair-warm/dr", ...).</summary>
    public IReadOnlyDictionary<string, JsonObject> Templates { get; }

    /// <summary>The exception each refused variant threw (null: it was not refused).</summary>
    public IReadOnlyDictionary<string, TfeValidationException?> Refusals { get; }

    private static TfeDisasterRecovery Warm(string prefix) =>
        new() { NamePrefix = prefix, PrimaryRegion = TestApp.Region, DrRegion = "us-west-2" };

    private static TfeDisasterRecovery Cold(string prefix) =>
        Warm(prefix) with { StandbyMode = TfeStandbyMode.Cold, BackupReplicationKeyArn = DrApp.BackupKeyArn };

    private TfeStandalone DefineStandalone(Apps app, string key, Func<TfeStandaloneProps, TfeStandaloneProps> change)
    {
        var stack = NewStack(app, key, Standalone, TestApp.Region);
        return new TfeStandalone(stack, "Tfe", change(StandaloneProps(stack)));
    }

    private TfeActiveActive DefineActiveActive(Apps app, string key, Func<TfeActiveActiveProps, TfeActiveActiveProps> change)
    {
        var stack = NewStack(app, key, ActiveActive, TestApp.Region);
        return new TfeActiveActive(stack, "Tfe", change(ActiveActiveProps(stack)));
    }

    private void DefinePair(Apps app, string key, string name, TfeStandbyMode mode, bool promoted, TfeDrRestoreSource? restore, string? drVersion = null)
    {
        var storageStack = NewStack(app, key + "/storage", name + "-DrStorage", "us-west-2");
        var primaryStack = NewStack(app, key + "/primary", name, TestApp.Region);
        var drStack = NewStack(app, key + "/dr", name + "-Dr", "us-west-2");
        var settings = mode == TfeStandbyMode.Warm ? Warm("tfe-pair") : Cold("tfe-pair");
        var storage = new TfeDrStorage(storageStack, "Storage", new TfeDrStorageProps { DisasterRecovery = settings });
        var primary = new TfeStandalone(primaryStack, "Tfe", StandaloneProps(primaryStack) with { NamePrefix = settings.NamePrefix, DisasterRecovery = settings, HostedZone = Zone(primaryStack) });
        new TfeDrRegion(drStack, "Tfe", new TfeDrRegionProps
        {
            DisasterRecovery = settings,
            Storage = storage,
            Primary = primary,
            Promoted = promoted,
            RestoreSource = restore,
            Hostname = "tfe.example.com",
            TfeVersion = drVersion ?? "1.1.1",
            License = Secret.FromSecretNameV2(drStack, "License", "tfe/license"),
            LoadBalancerCertificate = Certificate.FromCertificateArn(drStack, "Cert", "arn:aws:acm:us-west-2:123456789012:certificate/def"),
            HostedZone = Zone(drStack),
        });
    }

    private Stack NewStack(Apps apps, string key, string stackName, string region)
    {
        var stack = new Stack(apps.For(key), stackName, new StackProps { Env = TestApp.Env(region) });
        _stacks[key] = stack;
        return stack;
    }

    private static TfeStandaloneProps StandaloneProps(Stack stack) => new()
    {
        Hostname = "tfe.example.com",
        License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
        LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
        TfeVersion = "1.1.1",
        Dashboard = false,
    };

    private static TfeActiveActiveProps ActiveActiveProps(Stack stack) => new()
    {
        Hostname = "tfe.example.com",
        License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
        LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
        TfeVersion = "1.1.1",
        Dashboard = false,
    };

    private static IHostedZone Zone(Stack stack) =>
        HostedZone.FromHostedZoneAttributes(stack, "Zone", new HostedZoneAttributes
        {
            HostedZoneId = "Z00000000000000000000",
            ZoneName = "example.com",
        });

    private TfeValidationException? Refused(Action<Apps> define)
    {
        try
        {
            define(new Apps());
            return null;
        }
        catch (TfeValidationException e)
        {
            return e;
        }
        finally
        {
            foreach (var key in _stacks.Keys.Where(k => k == "x" || k.StartsWith("x/", StringComparison.Ordinal)).ToList())
            {
                _stacks.Remove(key);
            }
        }
    }
}
