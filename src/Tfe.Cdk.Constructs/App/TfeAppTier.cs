using Amazon.CDK;
using Amazon.CDK.AWS.AutoScaling;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ElasticLoadBalancing;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SNS;
using Constructs;
using AlarmFactory = Tfe.Cdk.Constructs.Alarms;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The application tier of a TFE deployment: the TFE nodes in an Auto Scaling group pinned to min = max, their launch
/// template and bootstrap, the load balancer in front of them, the node role, CloudWatch alarms and log forwarding.
/// </summary>
/// <remarks>
/// Each node runs the <c>terraform-enterprise</c> container (Flexible Deployment Options) on Amazon Linux 2023 with IMDSv2
/// required, an encrypted root volume, no SSH key (Session Manager instead) and no secret in its user data: the node reads
/// the license, passwords and certificate from Secrets Manager at boot, waits for TFE to report healthy and then signals
/// CloudFormation. A configuration change renders new user data, so replacement nodes come up with it (COMP-4). The
/// group is replaced as a whole (every old node drained and terminated, then the new set launched) and a boot gate in
/// the user data lets one new node start a fresh or upgraded database before the others join: two releases never run
/// against one database (OPS-4). See docs/node-lifecycle.md.
/// </remarks>
public class TfeAppTier : Construct, IConnectable
{
    private readonly List<Alarm> _alarms = [];
    private readonly IKey? _secretsEncryptionKey;
    private readonly HashSet<string> _decryptKeys = new(StringComparer.Ordinal);
    private readonly TfeNodeGroup _nodes;
    private readonly TfeLoadBalancerParts _loadBalancer;

    /// <summary>Defines the application tier.</summary>
    /// <exception cref="TfeValidationException">The props break a rule of the reference architecture.</exception>
    public TfeAppTier(Construct scope, string id, TfeAppTierProps props)
        : base(scope, id)
    {
        Inputs.RefuseNullProps(this, props, RuleIds.Net1);

        // 1. Validate.
        var mode = props.OperationalMode ?? TfeOperationalMode.External;
        var inputs = Validate(props, mode);

        // 2. Resolve defaults.
        NodeCount = props.NodeCount ?? (mode == TfeOperationalMode.ActiveActive ? Defaults.ActiveActiveNodeCount : 1);
        OperationalMode = mode;
        Hostname = props.Hostname;
        var release = TfeRelease.Parse(props.TfeVersion ?? Defaults.TfeVersion)!;
        var targetType = props.TargetType
            ?? (inputs.LoadBalancerType == TfeLoadBalancerType.Network && !inputs.InternetFacing ? TfeTargetType.Ip : TfeTargetType.Instance);
        // One BootTimeout drives every duration (COMP-3, docs/node-lifecycle.md): the CloudFormation signal timeout and
        // PauseTime are BootTimeout, the node's own deadline is the signal margin shorter, the health check grace is all of it.
        var bootTimeout = props.BootTimeout ?? Duration.Seconds(Defaults.BootTimeoutSeconds);

        // 3. Children: secrets, logs; the nodes (role, security group, launch template, group); the load balancer.
        EncryptionPassword = props.EncryptionPassword ?? NewEncryptionPassword(props.DataTier);
        AlarmTopic = AlarmTopics.OrNew(this, props.AlarmTopic);
        LogEncryption.AllowLogsService(props.DataTier.Key, Stack.Of(this));
        LogGroup = LogEncryption.RetainedLogGroup(this, "Logs", props.DataTier.Key, props.LogRetention ?? RetentionDays.ONE_YEAR);
        _nodes = new TfeNodeGroup(this, new TfeNodeGroupRequest
        {
            Props = props,
            NodeCount = NodeCount,
            SelfRegistered = inputs.LoadBalancerType == TfeLoadBalancerType.Network && targetType == TfeTargetType.Ip,
            BootTimeout = bootTimeout,
            AlarmTopic = AlarmTopic,
        });
        _loadBalancer = BuildLoadBalancer(props, inputs, release, targetType);

        // 4. Wire: data access, secrets, logs; then render the node's configuration into its user data.
        _secretsEncryptionKey = props.SecretsEncryptionKey;
        var nodeCertificate = props.NodeCertificate ?? TfeNodeCertificate.SelfSignedAtBoot();
        Wire(props, mode, nodeCertificate);
        InitialAdminSecret = props.InitialAdmin is { } admin ? TfeInitialAdminSecret.Create(this, admin, props.DataTier.Key, Role) : null;
        // TFE's own metrics (docs/tfe-metrics.md): a log group the CloudWatch agent alone writes to; no port is opened.
        NodeMetrics = props.TfeMetrics ?? true
            ? new TfeNodeMetrics(this, "TfeMetrics", AutoScalingGroup.AutoScalingGroupName, props.DataTier.Key, props.LogRetention ?? RetentionDays.ONE_YEAR, Role)
            : null;
        // TFE's native log forwarding (docs/monitoring.md, "Log forwarding"): off unless asked for.
        LogForwarding = props.LogForwarding is { } forwarding
            ? new TfeNodeLogForwarding(this, "LogForwarding", forwarding, props.DataTier, props.LogRetention ?? RetentionDays.ONE_YEAR, Role)
            : null;
        NodeConfiguration = TfeImageSourceWiring.Configure(Configuration(props, mode, release, nodeCertificate),
            props.ImageSource ?? TfeImageSource.HashiCorp(), release.Tag, props.ImageDigest);
        (NodeScript, NodeUserDataWorstCaseBytes) = _nodes.RenderUserData(NodeConfiguration, (int)bootTimeout.ToSeconds() - Defaults.SignalMarginSeconds);

        // 5. Alarms (OPS-2).
        AddAlarms(props.AtRest);
        TfeAppTierNag.Suppress(this, props.DataTier, mode == TfeOperationalMode.ActiveActive);
    }

    /// <summary>Throws one <see cref="TfeValidationException"/> for every broken rule; warns about a flex instance type.</summary>
    private AppTierInputs Validate(TfeAppTierProps props, TfeOperationalMode mode)
    {
        var inputs = AppTierInputs.From(props, mode, props.Redis is not null, props.NodeCount, props.DrainTimeout);
        TfeAppTierPropsValidator.Check(inputs)
            .IncludeAll(TfeAppTierPropsValidator.CheckInputs(props, this, props.Network, props.DataTier, props.Redis, wired: true, props.NodeCount, props.DrainTimeout))
            .ThrowIfAny(this);
        Warnings.Add(this, TfeAppTierPropsValidator.Advise(inputs));
        return inputs;
    }

    private TfeLoadBalancerParts BuildLoadBalancer(TfeAppTierProps props, AppTierInputs inputs, TfeRelease release, TfeTargetType targetType)
    {
        var network = props.Network;
        var internetFacing = inputs.InternetFacing;
        return TfeLoadBalancerBuilder.Build(this, inputs.LoadBalancerType, new TfeLoadBalancerRequest
        {
            Network = network,
            InternetFacing = internetFacing,
            IngressCidrs = props.IngressCidrs ?? [internetFacing ? "0.0.0.0/0" : network.VpcCidrBlock],
            Nodes = _nodes.AutoScalingGroup,
            NodeSecurityGroup = _nodes.SecurityGroup,
            HealthPath = release.HealthPath,
            StickySessions = props.StickySessions ?? props.OperationalMode == TfeOperationalMode.ActiveActive,
            AccessLogsBucket = RuleCheck.IsToken(Stack.Of(this).Region) ? null : props.DataTier.AccessLogsBucket,
            Certificate = props.LoadBalancerCertificate,
            HttpRedirect = props.HttpRedirect ?? inputs.LoadBalancerType == TfeLoadBalancerType.Application,
            TargetType = targetType,
            DeletionProtection = props.LoadBalancerDeletionProtection ?? true,
            WebAclArn = props.LoadBalancerWebAclArn,
            FipsTls = props.FipsTlsPolicy ?? false,
        });
    }

    /// <summary>The nodes' access: the database, the bucket, every secret they read, the logs, Redis, peers, the gate.</summary>
    private void Wire(TfeAppTierProps props, TfeOperationalMode mode, TfeNodeCertificate nodeCertificate)
    {
        var data = props.DataTier;
        data.Connections.AllowDefaultPortFrom(SecurityGroup, "PostgreSQL from the TFE nodes");
        data.GrantObjectStorageReadWrite(Role);
        if (data is ITfeIamDatabase { IamDatabaseUser: not null } iam)
        {
            // Passwordless: rds-db:connect as the IAM login role only, and no read on the master secret.
            iam.GrantConnect(Role);
            if (iam.DatabaseUserReady is { } ready)
            {
                _nodes.AutoScalingGroup.Node.AddDependency(ready);
            }
        }
        else
        {
            data.GrantReadDatabaseSecret(Role);
        }

        GrantReadUserSecret(props.License);
        EncryptionPassword.GrantRead(Role);
        TfeSecretReaders.Apply(this, props);
        if (nodeCertificate.Secret is { } certificateSecret)
        {
            GrantReadUserSecret(certificateSecret);
        }

        if (props.CaBundle is { } caBundle)
        {
            GrantReadUserSecret(caBundle);
        }

        LogGroup.GrantWrite(Role);
        if (props.Redis is not null)
        {
            props.Redis.Connections.AllowDefaultPortFrom(SecurityGroup, "Redis from the TFE nodes");
            props.Redis.GrantConnect(Role);
        }

        if (mode == TfeOperationalMode.ActiveActive)
        {
            _nodes.AllowPeers();
        }

        TfeImageSourceWiring.Grant(this, props.ImageSource ?? TfeImageSource.HashiCorp());
        _nodes.GrantBootGate();
        TfeNodeWatchdog.Grant(_nodes.AutoScalingGroup, Role, attachedToLoadBalancer: _loadBalancer.SelfRegisteredTargetGroup is null);
        if (props.Fence is { } fence)
        {
            NodeRolePolicy.AllowFailBackFence(Role, Stack.Of(this), fence);
        }

        if (_loadBalancer.SelfRegisteredTargetGroup is { } targetGroup)
        {
            Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Actions = ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
                Resources = [targetGroup.TargetGroupArn],
            }));
        }
    }

    /// <summary>The node's whole configuration as data (<see cref="TfeNodeConfiguration"/>); adds the drain hook in active/active mode.</summary>
    private TfeNodeConfiguration Configuration(TfeAppTierProps props, TfeOperationalMode mode, TfeRelease release, TfeNodeCertificate nodeCertificate)
    {
        var stack = Stack.Of(this);
        var data = props.DataTier;
        return new TfeNodeConfiguration
        {
            Region = stack.Region,
            StackName = stack.StackName,
            SignalResource = stack.GetLogicalId((CfnElement)AutoScalingGroup.Node.DefaultChild!),
            InitResource = TfeNodeFiles.Deliver(LaunchTemplate, Role),
            Hostname = props.Hostname,
            Image = TfeImageReference.Of(release.Tag, props.ImageDigest),
            HealthPath = release.HealthPath,
            LogGroupName = LogGroup.LogGroupName,
            LicenseSecretArn = props.License.SecretArn,
            Settings = TfeNodeSettings.Build(props.Hostname, mode, data, props.Redis, stack.Region, props.AdditionalSettings,
                props.IactSubnets, props.IactTimeLimit is { } iact ? (int)iact.ToMinutes() : null)
                .Concat(NodeMetrics is null ? [] : TfeNodeMetrics.Settings)
                .Concat(LogForwarding is null ? [] : TfeNodeLogForwarding.Settings).ToList(),
            MetricsLogGroupName = NodeMetrics?.LogGroup.LogGroupName,
            Secrets = TfeNodeSettings.Secrets(EncryptionPassword.SecretArn, data, props.Redis),
            TlsSecretArn = nodeCertificate.Secret?.SecretArn,
            TargetGroupArn = _loadBalancer.SelfRegisteredTargetGroup?.TargetGroupArn,
            VaultCluster = mode == TfeOperationalMode.ActiveActive,
            Drain = mode == TfeOperationalMode.ActiveActive ? _nodes.AddDrainHook(props.DrainTimeout) : null,
            CaBundleSecretArn = props.CaBundle?.SecretArn,
            Fence = props.Fence,
            Network = TfeDockerAddresses.Plan(props, props.Network, data, props.Redis),
            DockerEngine = TfeReleaseSupport.DockerFor(release.Tag),
            InitialAdminSecretArn = InitialAdminSecret?.SecretArn,
            LogForwardingConfig = LogForwarding?.Config,
        };
    }

    /// <summary>The Auto Scaling group of the TFE nodes (min = max = desired = <see cref="NodeCount"/>).</summary>
    public AutoScalingGroup AutoScalingGroup => _nodes.AutoScalingGroup;

    /// <summary>The launch template every node starts from.</summary>
    public LaunchTemplate LaunchTemplate => _nodes.LaunchTemplate;

    /// <summary>The largest the node's user data can be once deployed (COMP-4, <see cref="TfeNodeUserDataSize"/>).</summary>
    internal int NodeUserDataWorstCaseBytes { get; }

    /// <summary>The nodes' IAM role.</summary>
    public Role Role => _nodes.Role;

    /// <summary>TFE's own metrics, their log group and alarms; null when <see cref="TfeAppTierOptions.TfeMetrics"/> is false.</summary>
    public TfeNodeMetrics? NodeMetrics { get; }

    /// <summary>
    /// TFE's native log forwarding: its log group or bucket and the node's Fluent Bit output; null unless
    /// <see cref="TfeAppTierOptions.LogForwarding"/> is set.
    /// </summary>
    internal TfeNodeLogForwarding? LogForwarding { get; }

    /// <summary>The log group TFE's log forwarding writes to (yours or the tier's); null unless it forwards to CloudWatch Logs.</summary>
    public ILogGroup? LogForwardingLogGroup => LogForwarding?.LogGroup;

    /// <summary>The bucket TFE's log forwarding writes to (yours or the tier's); null unless it forwards to S3.</summary>
    public Amazon.CDK.AWS.S3.IBucket? LogForwardingBucket => LogForwarding?.Bucket;

    /// <summary>The nodes' security group.</summary>
    public SecurityGroup SecurityGroup => _nodes.SecurityGroup;

    /// <summary>The nodes' connections (default port 443).</summary>
    public Connections_ Connections => _nodes.Connections;

    /// <summary>The load balancer's security group (ALB and NLB), or null for a Classic Load Balancer (which owns its own).</summary>
    public ISecurityGroup? LoadBalancerSecurityGroup => _loadBalancer.SecurityGroup;

    /// <summary>The Application Load Balancer, when that type was chosen.</summary>
    public ApplicationLoadBalancer? ApplicationLoadBalancer => _loadBalancer.Application;

    /// <summary>The Network Load Balancer, when that type was chosen.</summary>
    public NetworkLoadBalancer? NetworkLoadBalancer => _loadBalancer.Network;

    /// <summary>The Classic Load Balancer, when that type was chosen.</summary>
    public LoadBalancer? ClassicLoadBalancer => _loadBalancer.Classic;

    /// <summary>The load balancer's DNS name, which the TFE hostname must resolve to (NET-2).</summary>
    public string LoadBalancerDnsName => _loadBalancer.DnsName;

    /// <summary>A Route 53 alias target for the load balancer.</summary>
    public RecordTarget AliasTarget => _loadBalancer.AliasTarget;

    /// <summary>The secret holding <c>TFE_ENCRYPTION_PASSWORD</c>.</summary>
    public ISecret EncryptionPassword { get; }

    /// <summary>
    /// With <see cref="TfeAppTierOptions.InitialAdmin"/>: the first admin's username, email, generated password and, once
    /// the first node has created it, its API token (<c>token</c>); otherwise null.
    /// </summary>
    public ISecret? InitialAdminSecret { get; }

    /// <summary>The topic the alarms and the Auto Scaling notifications go to: the user's, or one this tier defined.</summary>
    public ITopic AlarmTopic { get; }

    /// <summary>The log group TFE's container logs are forwarded to (encrypted with the data tier's KMS key).</summary>
    public LogGroup LogGroup { get; }

    /// <summary>The number of TFE nodes.</summary>
    public int NodeCount { get; }

    /// <summary>The operational mode the nodes run in.</summary>
    public TfeOperationalMode OperationalMode { get; }

    /// <summary>The hostname TFE is reached at.</summary>
    public string Hostname { get; }

    /// <summary>The CloudWatch alarms of the nodes and the load balancer (OPS-2).</summary>
    public IReadOnlyList<Alarm> Alarms => _alarms;

    /// <summary>
    /// Grants reading <c>TFE_ENCRYPTION_PASSWORD</c>, and decrypting it with its key through Secrets Manager: for a restore
    /// or disaster-recovery tool, because TFE's data (object storage and database) cannot be read back without the password
    /// that seals its Vault.
    /// </summary>
    /// <param name="grantee">The principal, for example a restore job's role; the secret's resource policy admits it.</param>
    /// <returns>The secret's grant.</returns>
    /// <exception cref="InvalidOperationException">The grantee is not an IAM role or user, which the secret's policy cannot admit.</exception>
    public Grant GrantReadEncryptionPassword(IGrantable grantee)
    {
        SecretReadPolicy.AllowReader(EncryptionPassword, grantee);
        return EncryptionPassword.GrantRead(grantee);
    }

    /// <summary>Nodes in service (<c>GroupInServiceInstances</c>, AWS/AutoScaling); minimum over 1 minute.</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    public IMetric MetricGroupInServiceInstances(MetricOptions? options = null) =>
        GroupMetric("AWS/AutoScaling", "GroupInServiceInstances", TierMetrics.WithDefaults(options, Stats.MINIMUM, Periods.OneMinute));

    /// <summary>The nodes the group should run (<c>GroupDesiredCapacity</c>, AWS/AutoScaling); maximum over 1 minute.</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    public IMetric MetricGroupDesiredCapacity(MetricOptions? options = null) =>
        GroupMetric("AWS/AutoScaling", "GroupDesiredCapacity", TierMetrics.WithDefaults(options, Stats.MAXIMUM, Periods.OneMinute));

    /// <summary>The nodes' CPU (<c>CPUUtilization</c>, AWS/EC2, by Auto Scaling group); average over 5 minutes.</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    public IMetric MetricCpuUtilization(MetricOptions? options = null) =>
        GroupMetric("AWS/EC2", "CPUUtilization", TierMetrics.WithDefaults(options, Stats.AVERAGE, Periods.FiveMinutes));

    /// <summary>Nodes passing the load balancer's health check (<c>HealthyHostCount</c>), any load balancer type; minimum over 5 minutes.</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric of the target group (ALB, NLB) or of the Classic Load Balancer.</returns>
    public IMetric MetricHealthyHostCount(MetricOptions? options = null) =>
        _loadBalancer.HealthyHosts(TierMetrics.WithDefaults(options, Stats.MINIMUM, Periods.FiveMinutes));

    /// <summary>Nodes failing the load balancer's health check (<c>UnHealthyHostCount</c>), any load balancer type; maximum over 5 minutes.</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric of the target group (ALB, NLB) or of the Classic Load Balancer.</returns>
    public IMetric MetricUnhealthyHostCount(MetricOptions? options = null) =>
        _loadBalancer.UnhealthyHosts(TierMetrics.WithDefaults(options, Stats.MAXIMUM, Periods.FiveMinutes));

    /// <summary>Requests the load balancer received (<c>RequestCount</c>); sum over 5 minutes. Application and Classic Load Balancers.</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    /// <exception cref="InvalidOperationException">The load balancer is a Network Load Balancer, which sees TCP flows, not requests.</exception>
    public IMetric MetricRequestCount(MetricOptions? options = null) => HttpMetric(
        nameof(MetricRequestCount), TierMetrics.WithDefaults(options, Stats.SUM, Periods.FiveMinutes),
        (alb, o) => alb.Metrics.RequestCount(o), "RequestCount");

    /// <summary>
    /// 5xx responses from the nodes (<c>HTTPCode_Target_5XX_Count</c>; <c>HTTPCode_Backend_5XX</c> on a Classic Load Balancer);
    /// sum over 5 minutes.
    /// </summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    /// <exception cref="InvalidOperationException">The load balancer is a Network Load Balancer, which sees no HTTP responses.</exception>
    public IMetric MetricHttpCodeTarget5xxCount(MetricOptions? options = null) => HttpMetric(
        nameof(MetricHttpCodeTarget5xxCount), TierMetrics.WithDefaults(options, Stats.SUM, Periods.FiveMinutes),
        (alb, o) => alb.Metrics.HttpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, o), "HTTPCode_Backend_5XX");

    /// <summary>
    /// 5xx responses the load balancer produced itself, typically with no healthy node (<c>HTTPCode_ELB_5XX_Count</c>;
    /// <c>HTTPCode_ELB_5XX</c> on a Classic Load Balancer); sum over 5 minutes.
    /// </summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    /// <exception cref="InvalidOperationException">The load balancer is a Network Load Balancer, which sees no HTTP responses.</exception>
    public IMetric MetricHttpCodeElb5xxCount(MetricOptions? options = null) => HttpMetric(
        nameof(MetricHttpCodeElb5xxCount), TierMetrics.WithDefaults(options, Stats.SUM, Periods.FiveMinutes),
        (alb, o) => alb.Metrics.HttpCodeElb(HttpCodeElb.ELB_5XX_COUNT, o), "HTTPCode_ELB_5XX");

    /// <summary>
    /// Seconds from the request leaving the load balancer to the node's response (<c>TargetResponseTime</c>; <c>Latency</c> on a
    /// Classic Load Balancer); average over 5 minutes (pass <c>Statistic = "p99"</c> for a percentile).
    /// </summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    /// <exception cref="InvalidOperationException">The load balancer is a Network Load Balancer, which sees no HTTP responses.</exception>
    public IMetric MetricTargetResponseTime(MetricOptions? options = null) => HttpMetric(
        nameof(MetricTargetResponseTime), TierMetrics.WithDefaults(options, Stats.AVERAGE, Periods.FiveMinutes),
        (alb, o) => alb.Metrics.TargetResponseTime(o), "Latency");

    private Metric GroupMetric(string metricNamespace, string metricName, MetricOptions options) =>
        TierMetrics.Of(metricNamespace, metricName,
            new Dictionary<string, string> { ["AutoScalingGroupName"] = AutoScalingGroup.AutoScalingGroupName }, options);

    /// <summary>An HTTP-level metric: from the ALB's own metrics, or the CLB's equivalent; a Network Load Balancer has none.</summary>
    private IMetric HttpMetric(string method, MetricOptions options, Func<ApplicationLoadBalancer, MetricOptions, IMetric> application, string classicName)
    {
        if (ApplicationLoadBalancer is { } alb)
        {
            return application(alb, options);
        }

        if (ClassicLoadBalancer is { } clb)
        {
            return TfeLoadBalancerBuilder.ClassicMetric(clb, classicName, options);
        }

        throw new InvalidOperationException(
            $"{Node.Path}: {method} needs an Application or Classic Load Balancer. A Network Load Balancer passes TCP through to "
            + "the nodes and publishes no HTTP metrics: use NetworkLoadBalancer.Metrics (ActiveFlowCount, NewFlowCount, "
            + "TcpTargetResetCount) and MetricUnhealthyHostCount.");
    }

    /// <summary>The bootstrap script rendered into the user data (CDK tokens stand for deploy-time values).</summary>
    internal string NodeScript { get; }

    /// <summary>The node configuration the script was rendered from (the release's Docker Engine range among it).</summary>
    internal TfeNodeConfiguration NodeConfiguration { get; }

    /// <summary>
    /// Lets the nodes read a secret the user passed in (license, node certificate, CA bundle): <c>secretsmanager:GetSecretValue</c>
    /// and, for a customer-managed key, <c>kms:Decrypt</c> only through Secrets Manager (<c>kms:ViaService</c>), on the key
    /// the secret carries (<c>SecretAttributes.EncryptionKey</c>) and on <see cref="TfeAppTierOptions.SecretsEncryptionKey"/>.
    /// </summary>
    /// <remarks>
    /// <c>ISecret.GrantRead</c> alone is not enough: in CDK 2.160 it grants the key through the key's own policy, which an
    /// imported key (<c>Key.FromKeyArn</c>) does not let the CDK change, so the grant is silently dropped. The statement
    /// therefore goes on the node role, which the key's default policy (IAM delegation) honours.
    /// </remarks>
    /// <param name="secret">The user's secret.</param>
    internal void GrantReadUserSecret(ISecret secret)
    {
        secret.GrantRead(Role);
        foreach (var key in new[] { secret.EncryptionKey, _secretsEncryptionKey }.OfType<IKey>())
        {
            if (_decryptKeys.Add(key.KeyArn))
            {
                Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
                {
                    Actions = ["kms:Decrypt"],
                    Resources = [key.KeyArn],
                    Conditions = new Dictionary<string, object>
                    {
                        ["StringEquals"] = new Dictionary<string, object> { ["kms:ViaService"] = $"secretsmanager.{Stack.Of(this).Region}.{Stack.Of(this).UrlSuffix}" },
                    },
                }));
            }
        }
    }

    /// <summary>
    /// The latest Amazon Linux 2023 as of the first synth, cached in context: without the cache the template would read the
    /// SSM parameter at every deployment, and an unrelated deployment after an AL2023 release would replace every node.
    /// </summary>
    internal static IMachineImage DefaultMachineImage() => TfeNodeGroup.DefaultMachineImage();

    private Secret NewEncryptionPassword(ITfeDataTier data) => SecretReadPolicy.Restricted(new Secret(this, "EncryptionPassword", new SecretProps
    {
        Description = "TFE_ENCRYPTION_PASSWORD: seals TFE's internal Vault. Never change or delete it; TFE's data cannot be read without it.",
        EncryptionKey = data.Key,
        RemovalPolicy = RemovalPolicy.RETAIN,
        GenerateSecretString = new SecretStringGenerator
        {
            PasswordLength = Defaults.EncryptionPasswordLength,
            ExcludePunctuation = true,
        },
    }));

    private void AddAlarms(bool atRest)
    {
        _alarms.AddRange(_nodes.AddAlarms(AlarmTopic, atRest, NodeCount,
            MetricGroupInServiceInstances(), MetricUnhealthyHostCount(), MetricCpuUtilization()));
        if (ApplicationLoadBalancer is not null)
        {
            _alarms.Add(AlarmFactory.Create(this, "LoadBalancer5xxAlarm", MetricHttpCodeElb5xxCount(),
                10, ComparisonOperator.GREATER_THAN_THRESHOLD,
                "The load balancer returned more than 10 5xx responses in 5 minutes: no healthy TFE node, or nodes failing requests.",
                AlarmTopic, evaluationPeriods: 1, treatMissingData: TreatMissingData.NOT_BREACHING));
        }

        if (NodeMetrics is { } metrics)
        {
            metrics.AddAlarms(AlarmTopic);
            _alarms.AddRange(metrics.Alarms);
        }
    }
}
