using Amazon.CDK;
using Amazon.CDK.AWS.AutoScaling;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ElasticLoadBalancing;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;
using AlarmFactory = Tfe.Cdk.Constructs.Alarms;
using AsgHealthCheck = Amazon.CDK.AWS.AutoScaling.HealthCheck;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The application tier of a TFE deployment: the TFE nodes in an Auto Scaling group pinned to min = max, their launch
/// template and bootstrap, the load balancer in front of them, the node role, CloudWatch alarms and log forwarding.
/// </summary>
/// <remarks>
/// Each node runs the <c>terraform-enterprise</c> container (Flexible Deployment Options) on Amazon Linux 2023 with IMDSv2
/// required, an encrypted root volume, no SSH key (Session Manager instead) and no secret in its user data: the node reads
/// the license, passwords and certificate from Secrets Manager at boot, waits for TFE to report healthy and then signals
/// CloudFormation. A configuration change renders new user data, so replacement nodes come up with it (COMP-4) and the
/// group rolls one node at a time, each signalling health before the next is replaced.
/// </remarks>
public class TfeAppTier : Construct, IConnectable
{
    private readonly List<Alarm> _alarms = [];

    /// <summary>Defines the application tier.</summary>
    /// <exception cref="TfeValidationException">The props break a rule of the reference architecture.</exception>
    public TfeAppTier(Construct scope, string id, TfeAppTierProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);

        // 1. Validate.
        var mode = props.OperationalMode ?? TfeOperationalMode.External;
        var inputs = AppTierInputs.From(props, mode, props.Redis is not null, props.NodeCount, props.DrainTimeout);
        TfeAppTierPropsValidator.Check(inputs).ThrowIfAny(this);
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
        var selfRegistered = lbType == TfeLoadBalancerType.Network && targetType == TfeTargetType.Ip;
        var bootTimeout = props.BootTimeout ?? Duration.Minutes(Defaults.BootTimeoutMinutes);
        var stack = Stack.Of(this);

        // 3. Children: secrets, logs, role, security group.
        EncryptionPassword = props.EncryptionPassword ?? NewEncryptionPassword(data);
        LogGroup = new LogGroup(this, "Logs", new LogGroupProps
        {
            Retention = props.LogRetention ?? RetentionDays.ONE_YEAR,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        Role = new Role(this, "NodeRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("ec2.amazonaws.com"),
            Description = "Terraform Enterprise node: reads its secrets, uses the object storage bucket, writes logs",
            ManagedPolicies = [ManagedPolicy.FromAwsManagedPolicyName("AmazonSSMManagedInstanceCore")],
        });
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
            MachineImage = props.MachineImage ?? MachineImage.LatestAmazonLinux2023(),
            InstanceType = props.InstanceType ?? new InstanceType(Defaults.InstanceType),
            Role = Role,
            SecurityGroup = SecurityGroup,
            UserData = userData,
            RequireImdsv2 = true,
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
            HealthCheck = selfRegistered
                ? AsgHealthCheck.Ec2(new Ec2HealthCheckOptions { Grace = Duration.Minutes(Defaults.HealthCheckGraceMinutes) })
                : AsgHealthCheck.Elb(new ElbHealthCheckOptions { Grace = Duration.Minutes(Defaults.HealthCheckGraceMinutes) }),
            // A standby group at rest (TfeDrRegion) has no node to signal or roll: it gets both when it is scaled up.
            Signals = props.AtRest ? null : Signals.WaitForCount(NodeCount, new SignalsOptions { Timeout = bootTimeout }),
            UpdatePolicy = props.AtRest ? null : UpdatePolicy.RollingUpdate(new RollingUpdateOptions
            {
                MaxBatchSize = 1,
                // External mode must never run two nodes at once; active/active keeps all but one serving.
                MinInstancesInService = mode == TfeOperationalMode.External ? 0 : NodeCount - 1,
                WaitOnResourceSignals = true,
                PauseTime = bootTimeout,
            }),
            GroupMetrics = [GroupMetrics.All()],
            Notifications = props.AlarmTopic is null ? null : [new NotificationConfiguration { Topic = props.AlarmTopic }],
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
        });
        LoadBalancerDnsName = parts.DnsName;
        ApplicationLoadBalancer = parts.Application;
        NetworkLoadBalancer = parts.Network;
        ClassicLoadBalancer = parts.Classic;
        LoadBalancerSecurityGroup = parts.SecurityGroup;
        AliasTarget = parts.AliasTarget;
        UnhealthyHosts = parts.UnhealthyHosts;

        // 6. Wire: data access, secrets, logs; then render the node's configuration into its user data.
        data.Connections.AllowDefaultPortFrom(SecurityGroup, "PostgreSQL from the TFE nodes");
        data.GrantObjectStorageReadWrite(Role);
        data.GrantReadDatabaseSecret(Role);
        props.License.GrantRead(Role);
        EncryptionPassword.GrantRead(Role);
        nodeCertificate.Secret?.GrantRead(Role);
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
            Hostname = props.Hostname,
            Image = $"{Defaults.TfeImageRepository}:{release.Tag}",
            HealthPath = release.HealthPath,
            LogGroupName = LogGroup.LogGroupName,
            LicenseSecretArn = props.License.SecretArn,
            Settings = TfeNodeSettings.Build(props.Hostname, mode, data, props.Redis, stack.Region, props.AdditionalSettings),
            Secrets = TfeNodeSettings.Secrets(props.License.SecretArn, EncryptionPassword.SecretArn, data, props.Redis),
            TlsSecretArn = nodeCertificate.Secret?.SecretArn,
            TargetGroupArn = parts.SelfRegisteredTargetGroup?.TargetGroupArn,
            VaultCluster = mode == TfeOperationalMode.ActiveActive,
            Drain = mode == TfeOperationalMode.ActiveActive ? AddDrainHook(props.DrainTimeout) : null,
        };
        NodeScript = TfeNodeScript.Render(configuration, (int)bootTimeout.ToSeconds() - 300);
        userData.AddCommands(NodeScript[(NodeScript.IndexOf('\n', StringComparison.Ordinal) + 1)..]);

        // 7. Alarms (OPS-2).
        AddAlarms(props, parts.UnhealthyHosts);
        TfeAppTierNag.Suppress(this, props.AlarmTopic is not null, data.Bucket, mode == TfeOperationalMode.ActiveActive);
    }

    /// <summary>The Auto Scaling group of the TFE nodes (min = max = desired = <see cref="NodeCount"/>).</summary>
    public AutoScalingGroup AutoScalingGroup { get; }

    /// <summary>The launch template every node starts from.</summary>
    public LaunchTemplate LaunchTemplate { get; }

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

    /// <summary>The log group TFE's container logs are forwarded to.</summary>
    public LogGroup LogGroup { get; }

    /// <summary>The number of TFE nodes.</summary>
    public int NodeCount { get; }

    /// <summary>The operational mode the nodes run in.</summary>
    public TfeOperationalMode OperationalMode { get; }

    /// <summary>The hostname TFE is reached at.</summary>
    public string Hostname { get; }

    /// <summary>The CloudWatch alarms of the nodes and the load balancer (OPS-2).</summary>
    public IReadOnlyList<Alarm> Alarms => _alarms;

    /// <summary>The load balancer's unhealthy-target metric (its namespace and dimensions also name the healthy-target metric).</summary>
    internal IMetric UnhealthyHosts { get; }

    /// <summary>The bootstrap script rendered into the user data (CDK tokens stand for deploy-time values).</summary>
    internal string NodeScript { get; }

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

    private Secret NewEncryptionPassword(ITfeDataTier data) => new(this, "EncryptionPassword", new SecretProps
    {
        Description = "TFE_ENCRYPTION_PASSWORD: seals TFE's internal Vault. Never change or delete it; TFE's data cannot be read without it.",
        EncryptionKey = data.Key,
        RemovalPolicy = RemovalPolicy.RETAIN,
        GenerateSecretString = new SecretStringGenerator
        {
            PasswordLength = Defaults.EncryptionPasswordLength,
            ExcludePunctuation = true,
        },
    });

    private void AddAlarms(TfeAppTierProps props, IMetric unhealthyHosts)
    {
        var asgName = new Dictionary<string, string> { ["AutoScalingGroupName"] = AutoScalingGroup.AutoScalingGroupName };
        Metric GroupMetric(string ns, string name, string statistic, Duration period) => new(new MetricProps
        {
            Namespace = ns,
            MetricName = name,
            DimensionsMap = asgName,
            Statistic = statistic,
            Period = period,
        });
        _alarms.Add(AlarmFactory.Create(this, "NodesInServiceAlarm",
            GroupMetric("AWS/AutoScaling", "GroupInServiceInstances", "Minimum", Duration.Minutes(1)),
            props.AtRest ? 0 : NodeCount, ComparisonOperator.LESS_THAN_THRESHOLD,
            $"Fewer than {NodeCount} TFE node(s) in service: check the Auto Scaling activity history and the node logs.",
            props.AlarmTopic, evaluationPeriods: 10));
        _alarms.Add(AlarmFactory.Create(this, "UnhealthyNodesAlarm", unhealthyHosts,
            0, ComparisonOperator.GREATER_THAN_THRESHOLD,
            "A TFE node fails the load balancer health check: check the node's container logs in the TFE log group.",
            props.AlarmTopic));
        _alarms.Add(AlarmFactory.Create(this, "NodeCpuAlarm",
            GroupMetric("AWS/EC2", "CPUUtilization", "Average", Duration.Minutes(5)),
            80, ComparisonOperator.GREATER_THAN_THRESHOLD,
            "TFE nodes above 80% CPU for 15 minutes: runs are queueing; consider the scaled size (m5.2xlarge) or more active/active nodes.",
            props.AlarmTopic));
        if (ApplicationLoadBalancer is not null)
        {
            _alarms.Add(AlarmFactory.Create(this, "LoadBalancer5xxAlarm",
                ApplicationLoadBalancer.Metrics.HttpCodeElb(HttpCodeElb.ELB_5XX_COUNT, new MetricOptions { Statistic = "Sum", Period = Duration.Minutes(5) }),
                10, ComparisonOperator.GREATER_THAN_THRESHOLD,
                "The load balancer returned more than 10 5xx responses in 5 minutes: no healthy TFE node, or nodes failing requests.",
                props.AlarmTopic, evaluationPeriods: 1, treatMissingData: TreatMissingData.NOT_BREACHING));
        }
    }
}
