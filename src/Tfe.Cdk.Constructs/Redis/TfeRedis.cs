using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ElastiCache;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SNS;
using Constructs;
using Ec2Port = Amazon.CDK.AWS.EC2.Port;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The memory cache of an Active/Active TFE deployment (REDIS-1): an ElastiCache for Redis OSS replication group,
/// Multi-AZ with automatic failover and one node in every AZ of the data subnets, TLS in transit with an AUTH token
/// from Secrets Manager (or, with <see cref="TfeRedisOptions.Authentication"/> = <see cref="TfeRedisAuthentication.Iam"/>,
/// an ElastiCache IAM user the nodes sign in as with their role), encrypted at rest with KMS, reachable only from the
/// security groups you allow.
/// </summary>
/// <remarks>
/// <para>aws-cdk-lib has only the L1 <see cref="CfnReplicationGroup"/>; this is the L2 TFE needs.</para>
/// <para>By type, the cache never runs in cluster mode and has one node group (REDIS-2: the props have no cluster
/// mode, shard or replica count, and the parameter group is the family's default, which has <c>cluster-enabled no</c>),
/// has no Append Only File (REDIS-4), and keeps no snapshots (REDIS-9).</para>
/// <para>REDIS-9 (a damaged cache is re-paved, not restored): the replication group holds no durable state, so its
/// removal policy is DESTROY and <c>SnapshotRetentionLimit</c> is 0. The AUTH token secret and the KMS key are
/// retained. No physical name is set: CloudFormation names the group, so a change that needs replacement re-paves
/// the cache instead of failing on a name clash. Per-node metrics use <c>Ref</c> (the replication group id) plus
/// ElastiCache's member names <c>-001</c>, <c>-002</c>, ….</para>
/// <para>Let the TFE nodes in with <c>redis.Connections.AllowDefaultPortFrom(nodes)</c> (REDIS-7), give their role
/// <see cref="GrantConnect"/>, and set TFE_REDIS_* from <see cref="EndpointAddress"/> and <see cref="Port"/> (the app tier
/// does all three).</para>
/// </remarks>
public class TfeRedis : Construct, ITfeRedis, ITfeRedisMetrics
{
    private const string Namespace = "AWS/ElastiCache";
    private readonly string[] _cacheClusterIds;

    /// <summary>Defines the memory cache.</summary>
    /// <param name="scope">The parent construct.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="props">The cache's properties.</param>
    /// <exception cref="TfeValidationException">The props break a rule of the reference architecture.</exception>
    public TfeRedis(Construct scope, string id, TfeRedisProps props)
        : base(scope, id)
    {
        Inputs.RefuseNullProps(this, props, RuleIds.Redis1);

        // 1. validate (the data subnets' AZs are read once: one jsii round trip)
        var (check, subnets, azs) = Validate(props, this);
        check.ThrowIfAny(this);
        Vpc = props.Network.Vpc;
        var nodeType = props.NodeType ?? Defaults.RedisNodeType;
        var version = props.EngineVersion ?? Defaults.RedisEngineVersion;
        var port = props.Port ?? Defaults.RedisPort;
        var sandbox = props.SingleNodeSandbox ?? false;
        Authentication = props.Authentication ?? TfeRedisAuthentication.AuthToken;
        var iam = Authentication == TfeRedisAuthentication.Iam;

        // 2. resolved values, warnings
        Port = port;
        EngineVersion = version;
        NodeCount = sandbox ? 1 : azs.Count;
        Warnings.Add(this, TfeRedisPropsValidator.Advise(nodeType, version, sandbox));

        // 3. children
        Key = props.EncryptionKey ?? new Key(this, "Key", new KeyProps
        {
            Description = "Terraform Enterprise memory cache: at-rest encryption and AUTH token",
            EnableKeyRotation = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        KeyPolicyHardening.Apply(Key, grantsForAwsResourcesOnly: props.EncryptionKey is null);

        var secret = new Secret(this, "AuthToken", new SecretProps
        {
            Description = "Terraform Enterprise memory cache AUTH token (TFE_REDIS_PASSWORD)",
            EncryptionKey = Key,
            GenerateSecretString = new SecretStringGenerator
            {
                PasswordLength = Defaults.RedisAuthTokenLength,
                ExcludePunctuation = true,
                IncludeSpace = false,
            },
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        AuthToken = secret;
        SecretReadPolicy.Restrict(secret);

        // IAM authentication: the token secret above stays (retained, never read), so switching never deletes it.
        var iamAccess = iam ? new TfeRedisIamAccess(this, "IamAccess") : null;

        var subnetGroup = new CfnSubnetGroup(this, "SubnetGroup", new CfnSubnetGroupProps
        {
            Description = "Terraform Enterprise memory cache: private data subnets",
            SubnetIds = subnets.SubnetIds,
        });

        SecurityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = props.Network.Vpc,
            Description = "Terraform Enterprise memory cache: ingress only from the TFE nodes on the Redis port",
            AllowAllOutbound = false,
        });
        Connections = new Connections_(new ConnectionsProps
        {
            SecurityGroups = [SecurityGroup],
            DefaultPort = Ec2Port.Tcp(port),
        });

        ReplicationGroup = new CfnReplicationGroup(this, "ReplicationGroup", new CfnReplicationGroupProps
        {
            ReplicationGroupDescription = Defaults.RedisDescription,
            Engine = "redis",
            EngineVersion = version.Version,
            CacheParameterGroupName = "default." + version.ParameterGroupFamily,
            CacheNodeType = nodeType,
            NumCacheClusters = NodeCount,
            PreferredCacheClusterAZs = azs.Count > 0 ? azs.Take(NodeCount).ToArray() : null,
            AutomaticFailoverEnabled = !sandbox,
            MultiAzEnabled = !sandbox,
            Port = port,
            CacheSubnetGroupName = subnetGroup.Ref,
            SecurityGroupIds = [SecurityGroup.SecurityGroupId],
            TransitEncryptionEnabled = true,
            AuthToken = iam ? null : secret.SecretValue.UnsafeUnwrap(),
            UserGroupIds = iamAccess is null ? null : [iamAccess.UserGroup.UserGroupId],
            AtRestEncryptionEnabled = true,
            KmsKeyId = Key.KeyArn,
            SnapshotRetentionLimit = 0,

            // Pinned (REDIS-8): for Redis 6 and later, ElastiCache's auto minor version upgrade would move the cache to a newer
            // minor version (6.2 to 7.0, 7.0 to 7.1) on its own, away from the version checked against the TFE release.
            // Change EngineVersion to upgrade; ElastiCache's service updates still bring patches within the version.
            AutoMinorVersionUpgrade = false,
        });
        ReplicationGroup.ApplyRemovalPolicy(RemovalPolicy.DESTROY);
        if (iamAccess is not null)
        {
            ReplicationGroup.AddDependency(iamAccess.UserGroup);
        }

        _cacheClusterIds = Enumerable.Range(1, NodeCount)
            .Select(i => ReplicationGroup.Ref + "-" + i.ToString("D3", CultureInfo.InvariantCulture))
            .ToArray();
        EndpointAddress = ReplicationGroup.AttrPrimaryEndPointAddress;
        ReplicationGroupId = iam ? ReplicationGroup.Ref : null;
        IamUserName = iamAccess?.UserName;

        // 4. alarms (OPS-2) and cdk-nag suppressions
        _sandbox = sandbox;
        Alarms = props.DefersAlarms ? [] : CreateAlarms(AlarmTopics.OrNew(this, props.AlarmTopic));
        AddSuppressions(secret, port, sandbox, iam);
    }

    private readonly bool _sandbox;

    /// <summary>The VPC the cache is placed in, so a tier wired to it can check that it shares it.</summary>
    internal IVpc Vpc { get; }

    /// <summary>The ElastiCache replication group (L1): the escape hatch.</summary>
    public CfnReplicationGroup ReplicationGroup { get; }

    /// <summary>The AUTH token (<c>TFE_REDIS_PASSWORD</c>), a generated 64-character secret; fetch it at boot, never render it.</summary>
    /// <remarks>Defined with IAM authentication too (retained, given to no one), so switching either way never deletes it.</remarks>
    public ISecret AuthToken { get; }

    /// <summary>How the nodes authenticate (<see cref="TfeRedisOptions.Authentication"/>).</summary>
    public TfeRedisAuthentication Authentication { get; }

    /// <summary>With IAM authentication, the replication group's id (a token): the name TFE signs its token for; else null.</summary>
    public string? ReplicationGroupId { get; }

    /// <summary>With IAM authentication, the ElastiCache user the nodes connect as (its id is its name); else null.</summary>
    public string? IamUserName { get; }

    ISecret? ITfeRedis.AuthToken => AuthToken;

    /// <summary>The cache's security group; it has no ingress until you allow some, and no egress.</summary>
    public ISecurityGroup SecurityGroup { get; }

    /// <summary>The cache's connections, with the Redis port as default port: <c>Connections.AllowDefaultPortFrom(nodes)</c>.</summary>
    public Connections_ Connections { get; }

    /// <summary>The primary endpoint's address (a token), which follows the primary on failover.</summary>
    public string EndpointAddress { get; }

    /// <summary>The port Redis listens on.</summary>
    public int Port { get; }

    /// <summary>The KMS key of the cache's at-rest encryption and of the AUTH token secret.</summary>
    public IKey Key { get; }

    /// <summary>The engine version.</summary>
    public TfeRedisVersion EngineVersion { get; }

    /// <summary>The number of cache nodes: one per AZ of the data subnets, or 1 in a sandbox.</summary>
    public int NodeCount { get; }

    /// <summary>The cache's CloudWatch alarms (OPS-2): engine CPU, memory, replication lag (not in a sandbox), evictions, connections.</summary>
    public IReadOnlyList<Alarm> Alarms { get; private set; }

    /// <summary>Refers to a memory cache defined elsewhere (another stack or app in the same region), so a <see cref="TfeAppTier"/> can share it.</summary>
    /// <param name="scope">The scope the imported secret and security group are referenced in.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="attributes">The cache's endpoint, port, AUTH token secret and security group.</param>
    /// <returns>The imported cache.</returns>
    /// <exception cref="TfeValidationException">A required attribute is missing or two exclusive ones are given (REDIS-7).</exception>
    public static ITfeRedis FromRedisAttributes(Construct scope, string id, TfeRedisAttributes attributes) =>
        new ImportedTfeRedis(scope, id, attributes);

    /// <summary>The cache's rules for <paramref name="props"/>, so a topology can report them with its other tiers' at once.</summary>
    internal static RuleCheck Check(TfeRedisProps props, IConstruct scope) => Validate(props, scope).Check;

    private static (RuleCheck Check, ISelectedSubnets Subnets, List<string> Zones) Validate(TfeRedisProps props, IConstruct scope)
    {
        var inputs = TfeRedisPropsValidator.CheckInputs(props, scope);
        var subnets = TfeRedisPropsValidator.SelectDataSubnets(inputs, props.Network);
        if (subnets is null)
        {
            return (inputs, null!, []);
        }

        var azs = subnets.AvailabilityZones.Distinct(StringComparer.Ordinal).ToList();
        var port = props.Port ?? Defaults.RedisPort;
        var check = TfeRedisPropsValidator.Check(
            props.NodeType ?? Defaults.RedisNodeType,
            (props.EngineVersion ?? Defaults.RedisEngineVersion).Version,
            Inputs.IsTokenNumber(port) ? Defaults.RedisPort : port,
            props.SingleNodeSandbox ?? false,
            azs,
            subnets.HasPublic,
            (props.Authentication ?? TfeRedisAuthentication.AuthToken) == TfeRedisAuthentication.Iam);
        return (check.IncludeAll(inputs), subnets, azs);
    }

    /// <summary>Lets <paramref name="grantee"/> (the TFE node role) read the AUTH token and decrypt it with <see cref="Key"/>.</summary>
    /// <param name="grantee">The principal to grant.</param>
    /// <returns>The grant on the secret; the key's decrypt permission is added with it, limited to Secrets Manager.</returns>
    /// <exception cref="InvalidOperationException">The grantee is not an IAM role or user, which the token's resource policy cannot admit.</exception>
    /// <exception cref="InvalidOperationException">The cache uses IAM authentication: the token is kept, but no node may read it.</exception>
    public Grant GrantReadAuthToken(IGrantable grantee)
    {
        if (Authentication == TfeRedisAuthentication.Iam)
        {
            throw new InvalidOperationException($"{Node.Path} uses IAM authentication: grant GrantConnect instead of the AUTH token, which no node reads.");
        }

        SecretReadPolicy.AllowReader(AuthToken, grantee);
        return AuthToken.GrantRead(grantee);
    }

    /// <summary>
    /// Lets <paramref name="grantee"/> (the TFE node role) authenticate: <see cref="GrantReadAuthToken"/> with the AUTH token;
    /// with IAM authentication, <c>elasticache:Connect</c> on this replication group and its IAM user only.
    /// </summary>
    /// <param name="grantee">The principal to grant.</param>
    /// <returns>The grant.</returns>
    public Grant GrantConnect(IGrantable grantee) =>
        Authentication == TfeRedisAuthentication.Iam
            ? TfeRedisIamAccess.GrantConnect(grantee, Stack.Of(this), ReplicationGroupId!, IamUserName!)
            : GrantReadAuthToken(grantee);

    /// <summary>The engine thread's CPU (<c>EngineCPUUtilization</c>), the highest over the nodes; average over 5 minutes.</summary>
    /// <param name="options">Overrides for each node's metric (statistic, period, label, …).</param>
    /// <returns>The metric; across nodes a metric-math MAX, so it follows the primary after a failover.</returns>
    public IMetric MetricEngineCpuUtilization(MetricOptions? options = null) =>
        GroupMetric("EngineCPUUtilization", Stats.AVERAGE, options);

    /// <summary>Memory used of the memory available for data (<c>DatabaseMemoryUsagePercentage</c>), the highest over the nodes.</summary>
    /// <param name="options">Overrides for each node's metric (statistic, period, label, …).</param>
    /// <returns>The metric; across nodes a metric-math MAX.</returns>
    public IMetric MetricDatabaseMemoryUsagePercentage(MetricOptions? options = null) =>
        GroupMetric("DatabaseMemoryUsagePercentage", Stats.AVERAGE, options);

    /// <summary>How far the replicas are behind the primary in seconds (<c>ReplicationLag</c>), the highest over the nodes.</summary>
    /// <param name="options">Overrides for each node's metric (statistic, period, label, …).</param>
    /// <returns>The metric; the primary publishes none, so each node's series counts as 0 where it has no data.</returns>
    public IMetric MetricReplicationLag(MetricOptions? options = null) =>
        GroupMetric("ReplicationLag", Stats.MAXIMUM, options, missingAsZero: true);

    /// <summary>Keys evicted because memory ran out (<c>Evictions</c>), the highest over the nodes; sum over 5 minutes.</summary>
    /// <param name="options">Overrides for each node's metric (statistic, period, label, …).</param>
    /// <returns>The metric; across nodes a metric-math MAX.</returns>
    public IMetric MetricEvictions(MetricOptions? options = null) =>
        GroupMetric("Evictions", Stats.SUM, options);

    /// <summary>Client connections (<c>CurrConnections</c>), the highest over the nodes (the primary serves TFE).</summary>
    /// <param name="options">Overrides for each node's metric (statistic, period, label, …).</param>
    /// <returns>The metric; across nodes a metric-math MAX.</returns>
    public IMetric MetricCurrConnections(MetricOptions? options = null) =>
        GroupMetric("CurrConnections", Stats.MAXIMUM, options);

    private IMetric GroupMetric(string metricName, string statistic, MetricOptions? options, bool missingAsZero = false)
    {
        var period = options?.Period ?? Duration.Minutes(Defaults.RedisMetricPeriodMinutes);
        Metric NodeMetric(string cacheClusterId)
        {
            var dimensions = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in options?.DimensionsMap ?? new Dictionary<string, string>())
            {
                dimensions[key] = value;
            }

            dimensions["CacheClusterId"] = cacheClusterId;
            return new Metric(new MetricProps
            {
                Namespace = Namespace,
                MetricName = metricName,
                DimensionsMap = dimensions,
                Statistic = options?.Statistic ?? statistic,
                Period = period,
                Unit = options?.Unit,
                Label = _cacheClusterIds.Length == 1 ? options?.Label : null,
                Color = options?.Color,
                Account = options?.Account,
                Region = options?.Region,
            });
        }

        if (_cacheClusterIds.Length == 1)
        {
            return NodeMetric(_cacheClusterIds[0]);
        }

        // One alarmable series for the replication group: the primary moves on failover, so no single member's
        // metric would do; MAX over the members sees the busiest node wherever it is.
        var usingMetrics = new Dictionary<string, IMetric>(StringComparer.Ordinal);
        var terms = new List<string>();
        for (var i = 0; i < _cacheClusterIds.Length; i++)
        {
            var name = "n" + (i + 1).ToString(CultureInfo.InvariantCulture);
            usingMetrics[name] = NodeMetric(_cacheClusterIds[i]);
            terms.Add(missingAsZero ? $"FILL({name}, 0)" : name);
        }

        return new MathExpression(new MathExpressionProps
        {
            Expression = $"MAX([{string.Join(", ", terms)}])",
            UsingMetrics = usingMetrics,
            Period = period,
            Label = options?.Label ?? metricName + " (max over nodes)",
            Color = options?.Color,
        });
    }

    /// <summary>Defines the alarms, notifying <paramref name="topic"/>, of a cache built with <see cref="TfeRedisProps.DefersAlarms"/>.</summary>
    internal void DefineAlarms(ITopic topic) => Alarms = CreateAlarms(topic);

    private List<Alarm> CreateAlarms(ITopic topic)
    {
        var sandbox = _sandbox;
        var alarms = new List<Alarm>
        {
            global::Tfe.Cdk.Constructs.Alarms.Create(this, "EngineCpuAlarm", MetricEngineCpuUtilization(), Defaults.RedisEngineCpuAlarmPercent,
                ComparisonOperator.GREATER_THAN_THRESHOLD,
                $"OPS-2: TFE memory cache engine CPU above {Defaults.RedisEngineCpuAlarmPercent}%: Redis runs commands on one thread; resize the node type (REDIS-6).",
                topic),
            global::Tfe.Cdk.Constructs.Alarms.Create(this, "MemoryAlarm", MetricDatabaseMemoryUsagePercentage(), Defaults.RedisMemoryAlarmPercent,
                ComparisonOperator.GREATER_THAN_THRESHOLD,
                $"OPS-2: TFE memory cache above {Defaults.RedisMemoryAlarmPercent}% of its data memory: evictions would drop queued work; resize the node type (REDIS-6).",
                topic),
        };
        if (!sandbox)
        {
            alarms.Add(global::Tfe.Cdk.Constructs.Alarms.Create(this, "ReplicationLagAlarm", MetricReplicationLag(), Defaults.RedisReplicationLagAlarmSeconds,
                ComparisonOperator.GREATER_THAN_THRESHOLD,
                $"OPS-2: a TFE memory cache replica is more than {Defaults.RedisReplicationLagAlarmSeconds} s behind the primary: a failover now would lose queued work (REDIS-3).",
                topic));
        }

        alarms.Add(global::Tfe.Cdk.Constructs.Alarms.Create(this, "EvictionsAlarm", MetricEvictions(), Defaults.RedisEvictionsAlarmCount,
            ComparisonOperator.GREATER_THAN_THRESHOLD,
            "OPS-2: the TFE memory cache evicted keys: it holds the work queue and must never run out of memory; resize the node type (REDIS-6).",
            topic, evaluationPeriods: 1, treatMissingData: TreatMissingData.NOT_BREACHING));
        alarms.Add(global::Tfe.Cdk.Constructs.Alarms.Create(this, "ConnectionsAlarm", MetricCurrConnections(), Defaults.RedisConnectionsAlarmCount,
            ComparisonOperator.GREATER_THAN_THRESHOLD,
            $"OPS-2: more than {Defaults.RedisConnectionsAlarmCount} connections to the TFE memory cache: far above what the TFE nodes open; look for a connection leak or a client that is not a TFE node.",
            topic));
        return alarms;
    }

    private void AddSuppressions(Secret secret, int port, bool sandbox, bool iam)
    {
        var suppressions = new List<NagSuppressions.Suppression>();
        if (port == Defaults.RedisPort)
        {
            suppressions.Add(new NagSuppressions.Suppression("AwsSolutions-AEC5",
                "Redis keeps its default port 6379 (TFE_REDIS_HOST carries any port); REDIS-7 access control is the security group, which admits only the TFE nodes, plus TLS and AUTH."));
        }

        if (sandbox)
        {
            suppressions.Add(new NagSuppressions.Suppression("AwsSolutions-AEC4",
                "The user explicitly chose SingleNodeSandbox: REDIS-3 allows a single cache node without Multi-AZ for testing or sandbox environments (a @tfe/cdk:singleNodeCache warning says so)."));
        }

        if (iam)
        {
            suppressions.Add(new NagSuppressions.Suppression("AwsSolutions-AEC6",
                "Authentication = Iam: ElastiCache RBAC with an IAM-authenticated user in a user group replaces the AUTH token (and the group's default user is disabled); every connection still authenticates, with a short-lived token signed by the node's role."));
        }

        if (suppressions.Count > 0)
        {
            NagSuppressions.Add(ReplicationGroup, false, [.. suppressions]);
        }

        NagSuppressions.Add(secret, false, NagControls.SecretsRotation,
            "The ElastiCache AUTH token cannot rotate on its own: rotation needs ModifyReplicationGroup with auth-token-update-strategy ROTATE, then a TFE restart with the new token, then SET; it is a planned operation, not an automatic one.");
        NagSuppressions.Add(ReplicationGroup, false, NagControls.RedisBackup,
            "REDIS-9: a damaged cache is re-paved, not restored. The cache holds TFE's transient work queue, which TFE rebuilds; a restored snapshot would replay stale jobs. SnapshotRetentionLimit is 0 by design.");
    }
}
