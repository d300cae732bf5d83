using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Monitoring;

/// <summary>
/// Two stacks of one app in one region: "Shared" defines the network, the data tier and the cache; "Nodes" defines an
/// active/active app tier over the three, imported by their attributes. One synth of the app for the class.
/// </summary>
public sealed class CrossStackFixture
{
    public const string VpcCidr = "10.0.0.0/16";

    public CrossStackFixture()
    {
        var app = TestApp.NewApp();
        var shared = new Stack(app, "Shared", new StackProps { Env = TestApp.Env() });
        var network = new TfeNetwork(shared, "Network");
        var data = new TfeDataTier(shared, "Data", new TfeDataTierProps { Network = network });
        var redis = new TfeRedis(shared, "Redis", new TfeRedisProps { Network = network, EngineVersion = TfeRedisVersion.Of("7.1") });

        // An imported bucket's policy cannot be edited from the importing stack: let the load balancer deliver its logs here.
        var elbAccount = Amazon.CDK.RegionInfo.RegionInfo.Get(TestApp.Region).Elbv2Account!;
        data.AccessLogsBucket.GrantPut(new AccountPrincipal(elbAccount), "load-balancer/*");

        Nodes = new Stack(app, "Nodes", new StackProps { Env = TestApp.Env() });
        var importedNetwork = TfeNetwork.FromNetworkAttributes(Nodes, "Network", new TfeNetworkAttributes
        {
            VpcId = network.Vpc.VpcId,
            VpcCidrBlock = VpcCidr,
            AvailabilityZones = network.Vpc.AvailabilityZones,
            PublicSubnetIds = network.Vpc.PublicSubnets.Select(s => s.SubnetId).ToArray(),
            PrivateSubnetIds = network.Vpc.PrivateSubnets.Select(s => s.SubnetId).ToArray(),
            DataSubnetIds = network.Vpc.IsolatedSubnets.Select(s => s.SubnetId).ToArray(),
        });
        var importedData = TfeDataTier.FromDataTierAttributes(Nodes, "Data", new TfeDataTierAttributes
        {
            DatabaseEndpointAddress = data.DatabaseEndpointAddress,
            DatabaseSecretArn = data.DatabaseSecret.SecretArn,
            BucketName = data.Bucket.BucketName,
            KeyArn = data.Key.KeyArn,
            SecurityGroupId = data.Connections.SecurityGroups[0].SecurityGroupId,
            AccessLogsBucketName = data.AccessLogsBucket.BucketName,
        });
        var importedRedis = TfeRedis.FromRedisAttributes(Nodes, "Redis", new TfeRedisAttributes
        {
            EndpointAddress = redis.EndpointAddress,
            Port = redis.Port,
            AuthTokenSecretArn = redis.AuthToken.SecretArn,
            AuthTokenKeyArn = redis.Key.KeyArn,
            SecurityGroupId = redis.SecurityGroup.SecurityGroupId,
        });
        App = new TfeAppTier(Nodes, "App", new TfeAppTierProps
        {
            Network = importedNetwork,
            DataTier = importedData,
            Redis = importedRedis,
            OperationalMode = TfeOperationalMode.ActiveActive,
            Hostname = "tfe.example.com",
            License = Secret.FromSecretNameV2(Nodes, "License", "tfe/license"),
            LoadBalancerCertificate = Certificate.FromCertificateArn(Nodes, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
        });
        Synth = new SynthesizedTemplate(Nodes);
    }

    public Stack Nodes { get; }

    public TfeAppTier App { get; }

    /// <summary>The "Nodes" stack's template.</summary>
    public SynthesizedTemplate Synth { get; }
}
