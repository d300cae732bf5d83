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
    private readonly TfeLoadBalancerParts _loadBalancer;

    /// <summary>Defines the application tier.</summary>
    /// <exception cref="TfeValidationException">The props break a rule of the reference architecture.</exception>
    public TfeAppTier(Construct scope, string id, TfeAppTierProps props)
        : base(scope, id)
    {
        Inputs.RefuseNullProps(this, props, RuleIds.Net1);

        // 1. Validate.
        var mode = props.OperationalMode ?? TfeOperationalMode.External;
        var inputs = AppTierInputs.From(props, mode, props.Redis is not null, props.NodeCount, props.DrainTimeout);
        TfeAppTierPropsValidator.Check(inputs)
            .IncludeAll(TfeAppTierPropsValidator.CheckInputs(props, this, props.Network, props.DataTier, props.Redis, wired: true, props.NodeCount, props.DrainTimeout))
            .ThrowIfAny(this);
        var lbType = inputs.LoadBalancerType;
        var internetFacing = inputs.InternetFacing;
        var instanceTypeName = inputs.InstanceType!;
        if (InstanceSpec.Parse(instanceTypeName)?.IsFlex == true)
        {
            Warnings.Add(this, "flexInstanceType", RuleIds.Comp2,
                $"InstanceType {instanceTypeName} is a flex type that gives full CPU only part of the time; the reference strongly prefers fixed-performance CPUs.");
        }

        // 2. Resolve defaults.
        var network = props.Network;
        var data = props.DataTier;
        NodeCount = props.NodeCount ?? (mode == TfeOperationalMode.ActiveActive ? Defaults.ActiveActiveNodeCount : 1);
        OperationalMode = mode;
        Hostname = props.Hostname;
        var release = TfeRelease.Parse(props.TfeVersion ?? Defaults.TfeVersion)!;
        var nodeCertificate = props.NodeCertificate ?? TfeNodeCertificate.SelfSignedAtBoot();
        var targetType = props.TargetType
            ?? (lbType == TfeLoadBalancerType.Network && !internetFacing ? TfeTargetType.Ip : TfeTargetType.Instance);
        // One BootTimeout drives every duration (COMP-3, docs/node-lifecycle.md): the CloudFormation signal timeout and
        // PauseTime are BootTimeout, the node's own deadline is the signal margin shorter, the health check grace is all of it.
        var bootTimeout = props.BootTimeout ?? Duration.Seconds(Defaults.BootTimeoutSeconds);
        var bootSeconds = (int)bootTimeout.ToSeconds();
        var stack = Stack.Of(this);

        // 3. Children: secrets, logs, role, security group.
        EncryptionPassword = props.EncryptionPassword ?? NewEncryptionPassword(data);
        AlarmTopic = AlarmTopics.OrNew(this, props.AlarmTopic);
        LogEncryption.AllowLogsService(data.Key, stack);
        LogGroup = new LogGroup(this, "Logs", new LogGroupProps
        {
            Retention = props.LogRetention ?? RetentionDays.ONE_YEAR,
            RemovalPolicy = RemovalPolicy.RETAIN,
            EncryptionKey = data.Key,
        });
        Role = new Role(this, "NodeRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("ec2.amazonaws.com"),
            Description = "Terraform Enterprise node: reads its secrets, uses the object storage bucket, writes logs",
        });
        // The boot signal, granted before the group is defined (the CDK grants the same statement to a group with signals,
        // and the policy keeps the first of identical statements): a standby at rest has it too, so promoting it changes
        // no IAM policy, a global control plane a failover must not depend on (docs/disaster-recovery.md).
        Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["cloudformation:SignalResource"],
            Resources = [stack.StackId],
        }));
        NodeRolePolicy.AllowSessionManager(Role);
        SecurityGroup = new SecurityGroup(this, "NodeSecurityGroup", new SecurityGroupProps
        {
            Vpc = network.Vpc,
            AllowAllOutbound = false,
            Description = "TFE nodes: HTTPS from the load balancer only; no SSH",
        });
        SecurityGroup.AddEgressRule(Peer.AnyIpv4(), Port.Tcp(443), "HTTPS: image registry, AWS APIs, VCS, providers");
        SecurityGroup.AddEgressRule(Peer.AnyIpv4(), Port.Tcp(80), "HTTP: package repositories and proxies");
        Connections = new Connections_(new ConnectionsProps { SecurityGroups = [SecurityGroup], DefaultPort = Port.Tcp(443) });

        // 4. Launch template and Auto Scaling group pinned to min = max (MODE-1, MODE-4).
        var userData = UserData.ForLinux(new LinuxUserDataOptions { Shebang = "#!/bin/bash" });
        LaunchTemplate = new LaunchTemplate(this, "LaunchTemplate", new LaunchTemplateProps
        {
            MachineImage = props.MachineImage ?? DefaultMachineImage(),
            InstanceType = props.InstanceType ?? new InstanceType(Defaults.InstanceType),
            Role = Role,
            SecurityGroup = SecurityGroup,
            UserData = userData,
            RequireImdsv2 = true,
            // The node and TFE use 169.254.169.254; the IPv6 endpoint stays off so runs cannot reach it (docs/security.md).
            HttpProtocolIpv6 = false,
            HttpPutResponseHopLimit = 2,
            InstanceMetadataTags = true,
            DetailedMonitoring = true,
            BlockDevices =
            [
                new Amazon.CDK.AWS.EC2.BlockDevice
                {
                    DeviceName = "/dev/xvda",
                    Volume = Amazon.CDK.AWS.EC2.BlockDeviceVolume.Ebs(props.RootVolumeSizeGiB ?? Defaults.RootVolumeSizeGiB, new Amazon.CDK.AWS.EC2.EbsDeviceOptions
                    {
                        VolumeType = Amazon.CDK.AWS.EC2.EbsDeviceVolumeType.GP3,
                        Encrypted = true,
                        // The root volume holds the rendered env file: on the deployment's key when its policy admits Auto Scaling.
                        KmsKey = data is TfeDataTier { OwnsKey: true } ? data.Key : null,
                        DeleteOnTermination = true,
                    }),
                },
            ],
        });
        AutoScalingGroup = new AutoScalingGroup(this, "AutoScalingGroup", new AutoScalingGroupProps
        {
            Vpc = network.Vpc,
            VpcSubnets = network.PrivateSubnets,
            LaunchTemplate = LaunchTemplate,
            MinCapacity = props.AtRest ? 0 : NodeCount,
            MaxCapacity = props.AtRest ? 0 : NodeCount,
            // EC2 health for every load balancer type: the node watchdog replaces a broken node (TfeNodeWatchdog).
            HealthCheck = TfeNodeWatchdog.HealthCheck(bootSeconds),
            // A standby group at rest (TfeDrRegion) has no node to signal or roll: it gets both when it is scaled up.
            Signals = props.AtRest ? null : Signals.WaitForCount(NodeCount, new SignalsOptions { Timeout = bootTimeout }),
            // OPS-4 (dated): a change of the launch template replaces the whole group. Every old node is drained (OPS-3)
            // and terminated, then the new set launches; the boot gate lets one new node start the database first. Rolling
            // node by node would run the old and the new release against one database.
            UpdatePolicy = props.AtRest ? null : UpdatePolicy.RollingUpdate(new RollingUpdateOptions
            {
                MaxBatchSize = NodeCount,
                MinInstancesInService = 0,
                WaitOnResourceSignals = true,
                PauseTime = bootTimeout,
            }),
            GroupMetrics = [GroupMetrics.All()],
            Notifications = [new NotificationConfiguration { Topic = AlarmTopic }],
        });

        // 5. Load balancer.
        var parts = TfeLoadBalancerBuilder.Build(this, lbType, new TfeLoadBalancerRequest
        {
            Network = network,
            InternetFacing = internetFacing,
            IngressCidrs = props.IngressCidrs ?? [internetFacing ? "0.0.0.0/0" : network.VpcCidrBlock],
            Nodes = AutoScalingGroup,
            NodeSecurityGroup = SecurityGroup,
            HealthPath = release.HealthPath,
            StickySessions = props.StickySessions ?? mode == TfeOperationalMode.ActiveActive,
            AccessLogsBucket = RuleCheck.IsToken(stack.Region) ? null : data.AccessLogsBucket,
            Certificate = props.LoadBalancerCertificate,
            HttpRedirect = props.HttpRedirect ?? lbType == TfeLoadBalancerType.Application,
            TargetType = targetType,
            DeletionProtection = props.LoadBalancerDeletionProtection ?? true,
            WebAclArn = props.LoadBalancerWebAclArn,
            FipsTls = props.FipsTlsPolicy ?? false,
        });
        _loadBalancer = parts;
        LoadBalancerDnsName = parts.DnsName;
        ApplicationLoadBalancer = parts.Application;
        NetworkLoadBalancer = parts.Network;
        ClassicLoadBalancer = parts.Classic;
        LoadBalancerSecurityGroup = parts.SecurityGroup;
        AliasTarget = parts.AliasTarget;

        // 6. Wire: data access, secrets, logs; then render the node's configuration into its user data.
        data.Connections.AllowDefaultPortFrom(SecurityGroup, "PostgreSQL from the TFE nodes");
        data.GrantObjectStorageReadWrite(Role);
        data.GrantReadDatabaseSecret(Role);
        _secretsEncryptionKey = props.SecretsEncryptionKey;
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
            props.Redis.GrantReadAuthToken(Role);
        }

        if (mode == TfeOperationalMode.ActiveActive)
        {
            SecurityGroup.AddIngressRule(SecurityGroup, Port.Tcp(TfeNodeSettings.VaultClusterPort), "Vault cluster between TFE nodes");
            SecurityGroup.AddEgressRule(SecurityGroup, Port.Tcp(TfeNodeSettings.VaultClusterPort), "Vault cluster between TFE nodes");
            // The boot gate probes peers' health endpoints directly (egress 443 is already open). A Standalone node has no
            // peer of its own configuration to probe, so it gets no such rule.
            SecurityGroup.AddIngressRule(SecurityGroup, Port.Tcp(443), "Boot gate: health probes between TFE nodes");
        }

        // The boot gate reads its own group and the peers' private IPs. Both actions are read-only and support no
        // resource-level permission, so they need Resource "*" (AwsSolutions-IAM5 suppressed with this reason).
        Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["autoscaling:DescribeAutoScalingGroups", "ec2:DescribeInstances"],
            Resources = ["*"],
        }));

        TfeNodeWatchdog.Grant(AutoScalingGroup, Role);
        if (props.Fence is { } fence)
        {
            NodeRolePolicy.AllowFailBackFence(Role, stack, fence);
        }

        if (parts.SelfRegisteredTargetGroup is { } targetGroup)
        {
            Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Actions = ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
                Resources = [targetGroup.TargetGroupArn],
            }));
        }

        var configuration = new TfeNodeConfiguration
        {
            Region = stack.Region,
            StackName = stack.StackName,
            SignalResource = stack.GetLogicalId((CfnElement)AutoScalingGroup.Node.DefaultChild!),
            InitResource = TfeNodeFiles.Deliver(LaunchTemplate, Role),
            Hostname = props.Hostname,
            Image = $"{Defaults.TfeImageRepository}:{release.Tag}",
            HealthPath = release.HealthPath,
            LogGroupName = LogGroup.LogGroupName,
            LicenseSecretArn = props.License.SecretArn,
            Settings = TfeNodeSettings.Build(props.Hostname, mode, data, props.Redis, stack.Region, props.AdditionalSettings,
                props.IactSubnets, props.IactTimeLimit is { } iact ? (int)iact.ToMinutes() : null),
            Secrets = TfeNodeSettings.Secrets(props.License.SecretArn, EncryptionPassword.SecretArn, data, props.Redis),
            TlsSecretArn = nodeCertificate.Secret?.SecretArn,
            TargetGroupArn = parts.SelfRegisteredTargetGroup?.TargetGroupArn,
            VaultCluster = mode == TfeOperationalMode.ActiveActive,
            Drain = mode == TfeOperationalMode.ActiveActive ? AddDrainHook(props.DrainTimeout) : null,
            CaBundleSecretArn = props.CaBundle?.SecretArn,
            Fence = props.Fence,
            DockerEngine = TfeReleaseSupport.DockerFor(release.Tag),
        };
        NodeConfiguration = configuration;
        NodeScript = TfeNodeScript.Render(configuration, bootSeconds - Defaults.SignalMarginSeconds);
        NodeUserDataWorstCaseBytes = TfeNodeUserDataSizeCheck.ThrowIfTooLarge(this, configuration, bootSeconds - Defaults.SignalMarginSeconds);
        userData.AddCommands(NodeScript[(NodeScript.IndexOf('\n', StringComparison.Ordinal) + 1)..]);

        // 7. Alarms (OPS-2).
        AddAlarms(props.AtRest);
        TfeAppTierNag.Suppress(this, data, mode == TfeOperationalMode.ActiveActive);
    }

    /// <summary>The Auto Scaling group of the TFE nodes (min = max = desired = <see cref="NodeCount"/>).</summary>
    public AutoScalingGroup AutoScalingGroup { get; }

    /// <summary>The launch template every node starts from.</summary>
    public LaunchTemplate LaunchTemplate { get; }

    /// <summary>The largest the node's user data can be once deployed (COMP-4, <see cref="TfeNodeUserDataSize"/>).</summary>
    internal int NodeUserDataWorstCaseBytes { get; }

    /// <summary>The nodes' IAM role.</summary>
    public Role Role { get; }

    /// <summary>The nodes' security group.</summary>
    public SecurityGroup SecurityGroup { get; }

    /// <summary>The nodes' connections (default port 443).</summary>
    public Connections_ Connections { get; }

    /// <summary>The load balancer's security group (ALB and NLB), or null for a Classic Load Balancer (which owns its own).</summary>
    public ISecurityGroup? LoadBalancerSecurityGroup { get; }

    /// <summary>The Application Load Balancer, when that type was chosen.</summary>
    public ApplicationLoadBalancer? ApplicationLoadBalancer { get; }

    /// <summary>The Network Load Balancer, when that type was chosen.</summary>
    public NetworkLoadBalancer? NetworkLoadBalancer { get; }

    /// <summary>The Classic Load Balancer, when that type was chosen.</summary>
    public LoadBalancer? ClassicLoadBalancer { get; }

    /// <summary>The load balancer's DNS name, which the TFE hostname must resolve to (NET-2).</summary>
    public string LoadBalancerDnsName { get; }

    /// <summary>A Route 53 alias target for the load balancer.</summary>
    public RecordTarget AliasTarget { get; }

    /// <summary>The secret holding <c>TFE_ENCRYPTION_PASSWORD</c>.</summary>
    public ISecret EncryptionPassword { get; }

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
        GroupMetric("AWS/AutoScaling", "GroupInServiceInstances", TierMetrics.WithDefaults(options, Stats.MINIMUM, Duration.Minutes(1)));

    /// <summary>The nodes the group should run (<c>GroupDesiredCapacity</c>, AWS/AutoScaling); maximum over 1 minute.</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    public IMetric MetricGroupDesiredCapacity(MetricOptions? options = null) =>
        GroupMetric("AWS/AutoScaling", "GroupDesiredCapacity", TierMetrics.WithDefaults(options, Stats.MAXIMUM, Duration.Minutes(1)));

    /// <summary>The nodes' CPU (<c>CPUUtilization</c>, AWS/EC2, by Auto Scaling group); average over 5 minutes.</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    public IMetric MetricCpuUtilization(MetricOptions? options = null) =>
        GroupMetric("AWS/EC2", "CPUUtilization", TierMetrics.WithDefaults(options, Stats.AVERAGE, Duration.Minutes(5)));

    /// <summary>Nodes passing the load balancer's health check (<c>HealthyHostCount</c>), any load balancer type; minimum over 5 minutes.</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric of the target group (ALB, NLB) or of the Classic Load Balancer.</returns>
    public IMetric MetricHealthyHostCount(MetricOptions? options = null) =>
        _loadBalancer.HealthyHosts(TierMetrics.WithDefaults(options, Stats.MINIMUM, Duration.Minutes(5)));

    /// <summary>Nodes failing the load balancer's health check (<c>UnHealthyHostCount</c>), any load balancer type; maximum over 5 minutes.</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric of the target group (ALB, NLB) or of the Classic Load Balancer.</returns>
    public IMetric MetricUnhealthyHostCount(MetricOptions? options = null) =>
        _loadBalancer.UnhealthyHosts(TierMetrics.WithDefaults(options, Stats.MAXIMUM, Duration.Minutes(5)));

    /// <summary>Requests the load balancer received (<c>RequestCount</c>); sum over 5 minutes. Application and Classic Load Balancers.</summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    /// <exception cref="InvalidOperationException">The load balancer is a Network Load Balancer, which sees TCP flows, not requests.</exception>
    public IMetric MetricRequestCount(MetricOptions? options = null) => HttpMetric(
        nameof(MetricRequestCount), TierMetrics.WithDefaults(options, Stats.SUM, Duration.Minutes(5)),
        (alb, o) => alb.Metrics.RequestCount(o), "RequestCount");

    /// <summary>
    /// 5xx responses from the nodes (<c>HTTPCode_Target_5XX_Count</c>; <c>HTTPCode_Backend_5XX</c> on a Classic Load Balancer);
    /// sum over 5 minutes.
    /// </summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    /// <exception cref="InvalidOperationException">The load balancer is a Network Load Balancer, which sees no HTTP responses.</exception>
    public IMetric MetricHttpCodeTarget5xxCount(MetricOptions? options = null) => HttpMetric(
        nameof(MetricHttpCodeTarget5xxCount), TierMetrics.WithDefaults(options, Stats.SUM, Duration.Minutes(5)),
        (alb, o) => alb.Metrics.HttpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, o), "HTTPCode_Backend_5XX");

    /// <summary>
    /// 5xx responses the load balancer produced itself, typically with no healthy node (<c>HTTPCode_ELB_5XX_Count</c>;
    /// <c>HTTPCode_ELB_5XX</c> on a Classic Load Balancer); sum over 5 minutes.
    /// </summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    /// <exception cref="InvalidOperationException">The load balancer is a Network Load Balancer, which sees no HTTP responses.</exception>
    public IMetric MetricHttpCodeElb5xxCount(MetricOptions? options = null) => HttpMetric(
        nameof(MetricHttpCodeElb5xxCount), TierMetrics.WithDefaults(options, Stats.SUM, Duration.Minutes(5)),
        (alb, o) => alb.Metrics.HttpCodeElb(HttpCodeElb.ELB_5XX_COUNT, o), "HTTPCode_ELB_5XX");

    /// <summary>
    /// Seconds from the request leaving the load balancer to the node's response (<c>TargetResponseTime</c>; <c>Latency</c> on a
    /// Classic Load Balancer); average over 5 minutes (pass <c>Statistic = "p99"</c> for a percentile).
    /// </summary>
    /// <param name="options">Overrides (statistic, period, label, …).</param>
    /// <returns>The metric.</returns>
    /// <exception cref="InvalidOperationException">The load balancer is a Network Load Balancer, which sees no HTTP responses.</exception>
    public IMetric MetricTargetResponseTime(MetricOptions? options = null) => HttpMetric(
        nameof(MetricTargetResponseTime), TierMetrics.WithDefaults(options, Stats.AVERAGE, Duration.Minutes(5)),
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
    /// Draining (OPS-3), with no Lambda: a termination lifecycle hook holds a leaving node in Terminating:Wait; the node
    /// sees that in its instance metadata, drains itself and completes the action. The permission is scoped to this group
    /// by a tag (referencing the group's name from its own instances' policy would be a dependency cycle).
    /// </summary>
    private DrainHook AddDrainHook(Duration? timeout)
    {
        var seconds = (int)(timeout?.ToSeconds() ?? Defaults.DrainTimeoutSeconds);
        AutoScalingGroup.AddLifecycleHook("Drain", new BasicLifecycleHookProps
        {
            LifecycleHookName = Defaults.DrainHookName,
            LifecycleTransition = LifecycleTransition.INSTANCE_TERMINATING,
            HeartbeatTimeout = Duration.Seconds(seconds),
            DefaultResult = DefaultResult.CONTINUE,
        });
        var groupTag = Names.UniqueId(AutoScalingGroup);
        Tags.Of(AutoScalingGroup).Add(DrainGroupTag, groupTag);
        var stack = Stack.Of(this);
        Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["autoscaling:CompleteLifecycleAction"],
            Resources = [$"arn:{stack.Partition}:autoscaling:{stack.Region}:{stack.Account}:autoScalingGroup:*:autoScalingGroupName/*"],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["autoscaling:ResourceTag/" + DrainGroupTag] = groupTag },
            },
        }));
        // The drain itself stops a minute early, so the node still completes the action within the hook's timeout.
        return new DrainHook(Defaults.DrainHookName, seconds - 60);
    }

    /// <summary>The tag that names this tier's group in the drain permission.</summary>
    internal const string DrainGroupTag = "tfe:drain-group";

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
    internal static IMachineImage DefaultMachineImage() =>
        MachineImage.LatestAmazonLinux2023(new AmazonLinux2023ImageSsmParameterProps { CachedInContext = true });

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
        _alarms.Add(AlarmFactory.Create(this, "NodesInServiceAlarm", MetricGroupInServiceInstances(),
            atRest ? 0 : NodeCount, ComparisonOperator.LESS_THAN_THRESHOLD,
            $"Fewer than {NodeCount} TFE node(s) in service: check the Auto Scaling activity history and the node logs.",
            AlarmTopic, evaluationPeriods: 10));
        _alarms.Add(AlarmFactory.Create(this, "UnhealthyNodesAlarm", MetricUnhealthyHostCount(),
            0, ComparisonOperator.GREATER_THAN_THRESHOLD,
            "A TFE node fails the load balancer health check: check the node's container logs in the TFE log group.",
            AlarmTopic));
        _alarms.Add(AlarmFactory.Create(this, "NodeCpuAlarm", MetricCpuUtilization(),
            80, ComparisonOperator.GREATER_THAN_THRESHOLD,
            "TFE nodes above 80% CPU for 15 minutes: runs are queueing; consider the scaled size (m5.2xlarge) or more active/active nodes.",
            AlarmTopic));
        if (ApplicationLoadBalancer is not null)
        {
            _alarms.Add(AlarmFactory.Create(this, "LoadBalancer5xxAlarm", MetricHttpCodeElb5xxCount(),
                10, ComparisonOperator.GREATER_THAN_THRESHOLD,
                "The load balancer returned more than 10 5xx responses in 5 minutes: no healthy TFE node, or nodes failing requests.",
                AlarmTopic, evaluationPeriods: 1, treatMissingData: TreatMissingData.NOT_BREACHING));
        }
    }
}
