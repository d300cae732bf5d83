using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Validation;

/// <summary>
/// One app and stack shared by every bad-input case: the cases are refused before any resource is defined, so they can
/// share a stack (each under its own id) and an imported network, which keeps the jsii round trips few. Nothing is synthesized.
/// </summary>
internal sealed class MistakeContext
{
    private static MistakeContext? _current;
    private int _next;

    private MistakeContext()
    {
        Stack = TestApp.NewStack(id: "Mistakes");
        Vpc = ImportVpc("Vpc", "vpc-0aaa", ["us-east-1a", "us-east-1b", "us-east-1c"]);
        Network = new TfeNetwork(Stack, "Network", new TfeNetworkProps
        {
            Vpc = Vpc,
            DataSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_ISOLATED },
        });
        License = Secret.FromSecretNameV2(Stack, "License", "tfe/license");
        Certificate = Amazon.CDK.AWS.CertificateManager.Certificate.FromCertificateArn(Stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc");
        NumberParameter = new CfnParameter(Stack, "NumberParam", new CfnParameterProps { Type = "Number", Default = 1 });
        TextParameter = new CfnParameter(Stack, "TextParam", new CfnParameterProps { Type = "String", Default = "x" });
    }

    /// <summary>The shared context (built on first use).</summary>
    public static MistakeContext Current => _current ??= new MistakeContext();

    public Stack Stack { get; }

    public IVpc Vpc { get; }

    public TfeNetwork Network { get; }

    public ISecret License { get; }

    public ICertificate Certificate { get; }

    public CfnParameter NumberParameter { get; }

    public CfnParameter TextParameter { get; }

    /// <summary>A string token, as a CfnParameter gives it.</summary>
    public string TextToken => TextParameter.ValueAsString;

    /// <summary>A number token cast to int, as a user would write <c>(int)param.ValueAsNumber</c>.</summary>
    public int IntToken => (int)NumberParameter.ValueAsNumber;

    /// <summary>A fresh construct id.</summary>
    public string NextId(string prefix = "Case") => prefix + (++_next).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An imported VPC with public, private and isolated subnets in the given AZs (no resources).</summary>
    public IVpc ImportVpc(string id, string vpcId, string[] zones) => Amazon.CDK.AWS.EC2.Vpc.FromVpcAttributes(Stack, NextId(id), new VpcAttributes
    {
        VpcId = vpcId,
        VpcCidrBlock = "10.20.0.0/16",
        AvailabilityZones = zones,
        PublicSubnetIds = zones.Select(z => $"subnet-pub-{vpcId}-{z}").ToArray(),
        PrivateSubnetIds = zones.Select(z => $"subnet-app-{vpcId}-{z}").ToArray(),
        PrivateSubnetRouteTableIds = zones.Select(z => $"rtb-{vpcId}-{z}").ToArray(),
        IsolatedSubnetIds = zones.Select(z => $"subnet-db-{vpcId}-{z}").ToArray(),
        IsolatedSubnetRouteTableIds = zones.Select(z => $"rtb-db-{vpcId}-{z}").ToArray(),
    });

    /// <summary>Valid Standalone props on the shared network: each case changes one thing.</summary>
    public TfeStandaloneProps Standalone() => new()
    {
        Hostname = "tfe.example.com",
        License = License,
        LoadBalancerCertificate = Certificate,
        Network = Network,
    };

    /// <summary>Valid Active/Active props on the shared network.</summary>
    public TfeActiveActiveProps ActiveActive() => new()
    {
        Hostname = "tfe.example.com",
        License = License,
        LoadBalancerCertificate = Certificate,
        Network = Network,
    };

    /// <summary>Valid data tier props on the shared network.</summary>
    public TfeDataTierProps DataTier() => new() { Network = Network };

    /// <summary>Valid cache props on the shared network.</summary>
    public TfeRedisProps Redis() => new() { Network = Network };

    private DrContext? _dr;

    /// <summary>The DR stacks, primaries and storage the DR cases share (built on first use: only DR cases pay for them).</summary>
    public DrContext Dr => _dr ??= new DrContext(this);

    /// <summary>Valid DR region props for a warm standby of the Standalone primary: each case changes one thing.</summary>
    public TfeDrRegionProps DrRegion() => Dr.Props(Dr.Settings, Dr.Storage, Dr.Primary);

    /// <summary>Valid DR region props for a cold standby of a Standalone primary.</summary>
    public TfeDrRegionProps ColdDrRegion() => Dr.Props(Dr.ColdSettings, Dr.ColdStorage, Dr.ColdPrimary);

    /// <summary>Valid DR region props for a warm standby of an Active/Active primary.</summary>
    public TfeDrRegionProps ActiveActiveDrRegion() => Dr.Props(Dr.Settings, Dr.Storage, Dr.ActiveActivePrimary);

    /// <summary>Valid DR storage props.</summary>
    public TfeDrStorageProps DrStorage() => new() { DisasterRecovery = Dr.Settings };

    /// <summary>Builds the construct the props are for, under a fresh id of the shared stack.</summary>
    public void Build(object? props)
    {
        switch (props)
        {
            case null:
                _ = new TfeStandalone(Stack, NextId(), null!);
                break;
            case TfeStandaloneProps p:
                _ = new TfeStandalone(Stack, NextId(), p);
                break;
            case TfeActiveActiveProps p:
                _ = new TfeActiveActive(Stack, NextId(), p);
                break;
            case TfeDataTierProps p:
                _ = new TfeDataTier(Stack, NextId(), p);
                break;
            case TfeRedisProps p:
                _ = new TfeRedis(Stack, NextId(), p);
                break;
            case TfeNetworkProps p:
                _ = new TfeNetwork(Stack, NextId(), p);
                break;
            case TfeAppTierProps p:
                _ = new TfeAppTier(Stack, NextId(), p);
                break;
            case TfeDrRegionProps p:
                _ = new TfeDrRegion(Dr.Stack, NextId("Dr"), p);
                break;
            case TfeDrStorageProps p:
                _ = new TfeDrStorage(Dr.StorageStack, NextId("DrStorage"), p);
                break;
            default:
                throw new ArgumentException("no construct for " + props.GetType().Name, nameof(props));
        }
    }
}

/// <summary>
/// A DR pair's other halves for the mistake cases: the primaries live in the shared stack (us-east-1), the storage and the
/// standby in two stacks of us-west-2 in the same app, on an imported VPC (no AZ lookup). Nothing is synthesized.
/// </summary>
internal sealed class DrContext
{
    private readonly MistakeContext _context;
    private TfeActiveActive? _activeActivePrimary;

    public DrContext(MistakeContext context)
    {
        _context = context;
        var app = context.Stack.Node.Root;
        StorageStack = new Stack((global::Constructs.Construct)app, "MistakesDrStorage", new StackProps { Env = TestApp.Env(Region) });
        Stack = new Stack((global::Constructs.Construct)app, "MistakesDr", new StackProps { Env = TestApp.Env(Region) });
        Stack.Node.SetContext(TestApp.ImageContextKey(Region), TestApp.ImageId);
        Storage = new TfeDrStorage(StorageStack, "Storage", new TfeDrStorageProps { DisasterRecovery = Settings });
        ColdStorage = new TfeDrStorage(StorageStack, "ColdStorage", new TfeDrStorageProps { DisasterRecovery = ColdSettings });
        Primary = new TfeStandalone(context.Stack, "DrPrimary", context.Standalone() with { DisasterRecovery = Settings, NamePrefix = Settings.NamePrefix });
        ColdPrimary = new TfeStandalone(context.Stack, "DrColdPrimary", context.Standalone() with { DisasterRecovery = ColdSettings, NamePrefix = ColdSettings.NamePrefix });
        string[] zones = [Region + "a", Region + "b", Region + "c"];
        var vpc = Vpc.FromVpcAttributes(Stack, "Vpc", new VpcAttributes
        {
            VpcId = "vpc-0dr",
            VpcCidrBlock = "10.30.0.0/16",
            AvailabilityZones = zones,
            PublicSubnetIds = zones.Select(z => $"subnet-pub-dr-{z}").ToArray(),
            PrivateSubnetIds = zones.Select(z => $"subnet-app-dr-{z}").ToArray(),
            PrivateSubnetRouteTableIds = zones.Select(z => $"rtb-dr-{z}").ToArray(),
            IsolatedSubnetIds = zones.Select(z => $"subnet-db-dr-{z}").ToArray(),
            IsolatedSubnetRouteTableIds = zones.Select(z => $"rtb-db-dr-{z}").ToArray(),
        });
        Network = new TfeNetwork(Stack, "Network", new TfeNetworkProps { Vpc = vpc, DataSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_ISOLATED } });
        License = Secret.FromSecretNameV2(Stack, "License", "tfe/license");
        Certificate = Amazon.CDK.AWS.CertificateManager.Certificate.FromCertificateArn(Stack, "Cert", "arn:aws:acm:us-west-2:123456789012:certificate/def");
    }

    public const string Region = "us-west-2";

    /// <summary>The warm pair's settings.</summary>
    public TfeDisasterRecovery Settings { get; } = new() { NamePrefix = "tfe-mistakes", PrimaryRegion = TestApp.Region, DrRegion = Region };

    /// <summary>The cold pair's settings.</summary>
    public TfeDisasterRecovery ColdSettings { get; } = new() { NamePrefix = "tfe-mistakes-cold", PrimaryRegion = TestApp.Region, DrRegion = Region, StandbyMode = TfeStandbyMode.Cold };

    public Stack StorageStack { get; }

    public Stack Stack { get; }

    public TfeDrStorage Storage { get; }

    public TfeDrStorage ColdStorage { get; }

    public TfeStandalone Primary { get; }

    public TfeStandalone ColdPrimary { get; }

    /// <summary>An Active/Active primary of the warm pair (built on first use).</summary>
    public TfeActiveActive ActiveActivePrimary => _activeActivePrimary ??=
        new TfeActiveActive(_context.Stack, "DrActiveActivePrimary", _context.ActiveActive() with { DisasterRecovery = Settings, NamePrefix = Settings.NamePrefix });

    public TfeNetwork Network { get; }

    public ISecret License { get; }

    public ICertificate Certificate { get; }

    /// <summary>Valid standby props for the given pair.</summary>
    public TfeDrRegionProps Props(TfeDisasterRecovery settings, TfeDrStorage storage, ITfeDeployment primary) => new()
    {
        DisasterRecovery = settings,
        Storage = storage,
        Primary = primary,
        Network = Network,
        Hostname = "tfe.example.com",
        License = License,
        LoadBalancerCertificate = Certificate,
    };
}
