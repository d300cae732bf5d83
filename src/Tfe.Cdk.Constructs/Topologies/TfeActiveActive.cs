using Amazon.CDK;
using Amazon.CDK.AWS.Route53;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// Terraform Enterprise in the reference architecture's Active/Active mode: several independent nodes (MODE-3) in
/// alternate Availability Zones (MODE-5) behind a load balancer, sharing PostgreSQL, S3 and a Redis memory cache (MODE-2).
/// </summary>
/// <remarks>
/// Defines a <see cref="TfeNetwork"/> (unless one is given), a <see cref="TfeDataTier"/>, a <see cref="TfeRedis"/> and a
/// <see cref="TfeAppTier"/> in operational mode <c>active-active</c> whose Auto Scaling group is pinned to
/// min = max = <see cref="TfeActiveActiveProps.NodeCount"/> (MODE-4). Leaving nodes are drained (OPS-3); a changed TFE
/// version (or any launch template change) replaces the whole group at once, and one new node starts the database before
/// the others join, so two releases never share it (OPS-4). TFE is down meanwhile: docs/node-lifecycle.md gives how long.
/// </remarks>
public class TfeActiveActive : Construct, ITfeDeployment
{
    /// <summary>Defines an Active/Active TFE deployment.</summary>
    /// <exception cref="TfeValidationException">The props break a rule of the reference architecture.</exception>
    public TfeActiveActive(Construct scope, string id, TfeActiveActiveProps props)
        : base(scope, id)
    {
        Inputs.RefuseNullProps(this, props, RuleIds.Mode2);
        Network = TfeTopology.Network(this, props);
        TfeTopology.WarnOnUnknownRelease(this, props);
        var redisOptions = props.Redis ?? new TfeRedisOptions();
        TfeTopology.Check(this, props, Network, TfeOperationalMode.ActiveActive, props.NodeCount ?? Defaults.ActiveActiveNodeCount, props.DrainTimeout,
                (redisOptions.EngineVersion ?? Defaults.RedisEngineVersion).Version)
            .Include(TfeRedis.Check(new TfeRedisProps(redisOptions, Network), this).Violations)
            .Include(TfeReleaseSupport.CheckRedisAuthentication(props.TfeVersion ?? Defaults.TfeVersion, redisOptions.Authentication).Violations)
            .Include(CheckZones(Network).Violations)
            .ThrowIfAny(this);

        var alarmTopic = TfeTopology.AlarmTopic(this, props);
        Data = TfeTopology.DataTier(this, props, Network, alarmTopic);
        Redis = new TfeRedis(this, "Redis", new TfeRedisProps(redisOptions, Network) with
        {
            EncryptionKey = redisOptions.EncryptionKey ?? Data.Key,
            AlarmTopic = redisOptions.AlarmTopic ?? alarmTopic,
        });
        DisasterRecovery = props.DisasterRecovery;
        App = new TfeAppTier(this, "App", TfeTopology.AppTierProps(props, Network, Data, alarmTopic) with
        {
            EncryptionPassword = props.EncryptionPassword,
            OperationalMode = TfeOperationalMode.ActiveActive,
            NodeCount = props.NodeCount ?? Defaults.ActiveActiveNodeCount,
            Redis = Redis,
            DrainTimeout = props.DrainTimeout,
        });
        var names = TfeTopology.NameSecrets(this, props, App);
        NamePrefix = names.Prefix;
        PhysicalNames = names.Physical;
        Releases = TfeDeploymentReleases.Of(props, props.Data?.DatabaseEngineVersion, Redis.EngineVersion);
        DnsRecord = TfeTopology.DnsRecord(this, props, App);
        TfeTopology.Outputs(this, App, Data);
        Dashboard = TfeDashboard.ForDeployment(this, props, App, Data, Redis);
        new CfnOutput(this, "RedisEndpoint", new CfnOutputProps
        {
            Value = $"{Redis.EndpointAddress}:{Redis.Port}",
            Description = Redis.Authentication == TfeRedisAuthentication.Iam
                ? "Redis primary endpoint (TLS, IAM authentication as " + Redis.IamUserName + ")"
                : "Redis primary endpoint (TLS, AUTH token in Secrets Manager)",
        });
        TfeOperatorOutputs.ActiveActive(this);
    }

    /// <summary>The network.</summary>
    public ITfeNetwork Network { get; }

    /// <summary>The data tier: PostgreSQL, the buckets and the key.</summary>
    public TfeDataTier Data { get; }

    /// <summary>The Redis memory cache the nodes share.</summary>
    public TfeRedis Redis { get; }

    /// <summary>The application tier: the nodes, their load balancer and role.</summary>
    public TfeAppTier App { get; }

    /// <summary>The alias record for the hostname, when a hosted zone was given.</summary>
    public ARecord? DnsRecord { get; }

    /// <summary>The operator's CloudWatch dashboard, or null when <see cref="TfeDeploymentPropsBase.Dashboard"/> is false.</summary>
    public TfeDashboard? Dashboard { get; }

    /// <summary>The disaster recovery settings, when this deployment is the primary of a DR pair.</summary>
    public TfeDisasterRecovery? DisasterRecovery { get; }

    /// <inheritdoc/>
    public string NamePrefix { get; }

    /// <inheritdoc/>
    public TfePhysicalNames PhysicalNames { get; }

    /// <summary>The releases this deployment runs (a standby must run the same, DR-2).</summary>
    internal TfeDeploymentReleases Releases { get; }

    /// <summary>The URL users reach TFE at.</summary>
    public string Url => $"https://{App.Hostname}";

    /// <summary>
    /// MODE-5: nodes go in alternate AZs, so the node subnets must span two or more; REDIS-3: every AZ with a node also has
    /// a cache node, so the node AZs must be among the cache's (data subnets') AZs.
    /// </summary>
    private static RuleCheck CheckZones(ITfeNetwork network)
    {
        // A selection that selects nothing is reported by the tiers' own checks; only the zones are looked at here.
        var ignored = new RuleCheck();
        if (network.Vpc is null
            || Inputs.SelectSubnets(ignored, RuleIds.Net1, "Network.PrivateSubnets", network.Vpc, network.PrivateSubnets, string.Empty) is not { } nodes
            || Inputs.SelectSubnets(ignored, RuleIds.Net1, "Network.DataSubnets", network.Vpc, network.DataSubnets, string.Empty) is not { } data)
        {
            return new RuleCheck();
        }

        var nodeZones = nodes.AvailabilityZones.Distinct().ToList();
        var dataZones = data.AvailabilityZones.Distinct().ToList();
        if (nodeZones.Concat(dataZones).Any(z => RuleCheck.IsToken(z)))
        {
            return new RuleCheck();
        }

        return new RuleCheck()
            .FailIf(nodeZones.Count < 2, RuleIds.Mode5, "Network", RuleCheck.Describe(string.Join(", ", nodeZones)),
                "places the nodes in fewer than 2 Availability Zones",
                "Active/active nodes are deployed in alternate AZs: give the private subnets 2 or more AZs")
            .FailIf(nodeZones.Except(dataZones, StringComparer.Ordinal).Any(), RuleIds.Redis3, "Network",
                RuleCheck.Describe(string.Join(", ", nodeZones.Except(dataZones, StringComparer.Ordinal))),
                "has node AZs without a data subnet, so no cache node can be placed there",
                "Every AZ with a TFE node needs a cache node: give the data subnets the same AZs as the private subnets");
    }
}
