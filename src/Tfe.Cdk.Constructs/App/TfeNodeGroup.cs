using Amazon.CDK;
using Amazon.CDK.AWS.AutoScaling;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SNS;
using Constructs;
using AlarmFactory = Tfe.Cdk.Constructs.Alarms;

namespace Tfe.Cdk.Constructs;

/// <summary>What the node group is built from: the tier's props and the values the tier resolved from them.</summary>
internal sealed record TfeNodeGroupRequest
{
    public required TfeAppTierProps Props { get; init; }

    /// <summary>min = max = desired.</summary>
    public required int NodeCount { get; init; }

    /// <summary>The nodes register their own IPs with an internal NLB: the group checks EC2 health, not the load balancer's.</summary>
    public required bool SelfRegistered { get; init; }

    /// <summary>The one duration every other derives from (COMP-3, docs/node-lifecycle.md).</summary>
    public required Duration BootTimeout { get; init; }

    /// <summary>Where the group's notifications and the node alarms go.</summary>
    public required ITopic AlarmTopic { get; init; }
}

/// <summary>
/// The TFE nodes of an app tier: their role, security group, launch template (with its user data), Auto Scaling group,
/// drain hook and node alarms. Not a construct of its own: it creates its resources directly in the tier's scope with
/// the ids they always had, so their construct paths, and so every logical id, are those of the tier (a node or a
/// role must never be replaced by a refactor). The tier composes it with the load balancer and wires the two.
/// </summary>
internal sealed class TfeNodeGroup
{
    /// <summary>The tag that names the tier's group in the drain permission.</summary>
    internal const string DrainGroupTag = "tfe:drain-group";

    private readonly Construct _scope;
    private readonly UserData _userData = UserData.ForLinux(new LinuxUserDataOptions { Shebang = "#!/bin/bash" });

    /// <summary>Creates the role, the security group, the launch template and the group, in this order, in <paramref name="scope"/>.</summary>
    public TfeNodeGroup(Construct scope, TfeNodeGroupRequest request)
    {
        _scope = scope;
        Role = new Role(scope, "NodeRole", new RoleProps
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
            Resources = [Stack.Of(scope).StackId],
        }));
        NodeRolePolicy.AllowSessionManager(Role);
        SecurityGroup = new SecurityGroup(scope, "NodeSecurityGroup", new SecurityGroupProps
        {
            Vpc = request.Props.Network.Vpc,
            AllowAllOutbound = false,
            Description = "TFE nodes: HTTPS from the load balancer only; no SSH",
        });
        SecurityGroup.AddEgressRule(Peer.AnyIpv4(), Port.Tcp(443), "HTTPS: image registry, AWS APIs, VCS, providers");
        SecurityGroup.AddEgressRule(Peer.AnyIpv4(), Port.Tcp(80), "HTTP: package repositories and proxies");
        Connections = new Connections_(new ConnectionsProps { SecurityGroups = [SecurityGroup], DefaultPort = Port.Tcp(443) });
        LaunchTemplate = NewLaunchTemplate(request.Props);
        NodeImagePlaceholder.WarnIfPlaceholder(scope, LaunchTemplate.ImageId);
        AutoScalingGroup = NewAutoScalingGroup(request);
    }

    public Role Role { get; }

    public SecurityGroup SecurityGroup { get; }

    public Connections_ Connections { get; }

    public LaunchTemplate LaunchTemplate { get; }

    public AutoScalingGroup AutoScalingGroup { get; }

    /// <summary>
    /// The latest Amazon Linux 2023 as of the first synth, cached in context: without the cache the template would read the
    /// SSM parameter at every deployment, and an unrelated deployment after an AL2023 release would replace every node.
    /// </summary>
    internal static IMachineImage DefaultMachineImage() =>
        MachineImage.LatestAmazonLinux2023(new AmazonLinux2023ImageSsmParameterProps { CachedInContext = true });

    /// <summary>Active/active: the Vault cluster port and the boot gate's peer probes, between the nodes only.</summary>
    public void AllowPeers()
    {
        SecurityGroup.AddIngressRule(SecurityGroup, Port.Tcp(TfeNodeSettings.VaultClusterPort), "Vault cluster between TFE nodes");
        SecurityGroup.AddEgressRule(SecurityGroup, Port.Tcp(TfeNodeSettings.VaultClusterPort), "Vault cluster between TFE nodes");
        // The boot gate probes peers' health endpoints directly (egress 443 is already open). A Standalone node has no
        // peer of its own configuration to probe, so it gets no such rule.
        SecurityGroup.AddIngressRule(SecurityGroup, Port.Tcp(443), "Boot gate: health probes between TFE nodes");
    }

    /// <summary>
    /// The boot gate reads its own group, its instance refreshes and the peers' private IPs. The actions are read-only and
    /// support no resource-level permission, so they need Resource "*" (AwsSolutions-IAM5 suppressed with this reason).
    /// </summary>
    public void GrantBootGate() => Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
    {
        Actions = ["autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeInstanceRefreshes", "ec2:DescribeInstances"],
        Resources = ["*"],
    }));

    /// <summary>
    /// Draining (OPS-3), with no Lambda: a termination lifecycle hook holds a leaving node in Terminating:Wait; the node
    /// sees that in its instance metadata, drains itself and completes the action. The permission is scoped to this group
    /// by a tag (referencing the group's name from its own instances' policy would be a dependency cycle).
    /// </summary>
    public DrainHook AddDrainHook(Duration? timeout)
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
        var stack = Stack.Of(_scope);
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

    /// <summary>
    /// Renders the node's configuration into the launch template's user data, after refusing (COMP-4) a configuration
    /// whose user data could exceed EC2's limit once deployed.
    /// </summary>
    /// <returns>The rendered script and its worst-case size in bytes.</returns>
    public (string Script, int WorstCaseBytes) RenderUserData(TfeNodeConfiguration configuration, int bootDeadlineSeconds)
    {
        var script = TfeNodeScript.Render(configuration, bootDeadlineSeconds);
        var worstCase = TfeNodeUserDataSizeCheck.ThrowIfTooLarge(_scope, configuration, bootDeadlineSeconds);
        _userData.AddCommands(script[(script.IndexOf('\n', StringComparison.Ordinal) + 1)..]);
        return (script, worstCase);
    }

    /// <summary>The node alarms (OPS-2): nodes in service, nodes failing the load balancer's check, CPU.</summary>
    public IReadOnlyList<Alarm> AddAlarms(ITopic topic, bool atRest, int nodeCount, IMetric inService, IMetric unhealthy, IMetric cpu) =>
    [
        AlarmFactory.Create(_scope, "NodesInServiceAlarm", inService,
            atRest ? 0 : nodeCount, ComparisonOperator.LESS_THAN_THRESHOLD,
            $"Fewer than {nodeCount} TFE node(s) in service: check the Auto Scaling activity history and the node logs.",
            topic, evaluationPeriods: 10),
        AlarmFactory.Create(_scope, "UnhealthyNodesAlarm", unhealthy,
            0, ComparisonOperator.GREATER_THAN_THRESHOLD,
            "A TFE node fails the load balancer health check: check the node's container logs in the TFE log group.",
            topic),
        AlarmFactory.Create(_scope, "NodeCpuAlarm", cpu,
            80, ComparisonOperator.GREATER_THAN_THRESHOLD,
            "TFE nodes above 80% CPU for 15 minutes: runs are queueing; consider the scaled size (m5.2xlarge) or more active/active nodes.",
            topic),
    ];

    private LaunchTemplate NewLaunchTemplate(TfeAppTierProps props) => new(_scope, "LaunchTemplate", new LaunchTemplateProps
    {
        MachineImage = props.MachineImage ?? DefaultMachineImage(),
        InstanceType = props.InstanceType ?? new InstanceType(Defaults.InstanceType),
        Role = Role,
        SecurityGroup = SecurityGroup,
        UserData = _userData,
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
                    KmsKey = props.DataTier is TfeDataTier { OwnsKey: true } ? props.DataTier.Key : null,
                    DeleteOnTermination = true,
                }),
            },
        ],
    });

    /// <summary>The group, pinned to min = max (MODE-1, MODE-4).</summary>
    private AutoScalingGroup NewAutoScalingGroup(TfeNodeGroupRequest request)
    {
        var props = request.Props;
        var grace = Duration.Seconds((int)request.BootTimeout.ToSeconds());
        return new AutoScalingGroup(_scope, "AutoScalingGroup", new AutoScalingGroupProps
        {
            Vpc = props.Network.Vpc,
            VpcSubnets = props.Network.PrivateSubnets,
            LaunchTemplate = LaunchTemplate,
            MinCapacity = props.AtRest ? 0 : request.NodeCount,
            MaxCapacity = props.AtRest ? 0 : request.NodeCount,
            // EC2 health for every load balancer type: the node watchdog replaces a broken node (TfeNodeWatchdog, OPS-3).
            HealthCheck = TfeNodeWatchdog.HealthCheck(grace),
            // A standby group at rest (TfeDrRegion) has no node to signal or roll: it gets both when it is scaled up.
            Signals = props.AtRest ? null : Signals.WaitForCount(request.NodeCount, new SignalsOptions { Timeout = request.BootTimeout }),
            // OPS-4 (dated): a change of the launch template replaces the whole group. Every old node is drained (OPS-3)
            // and terminated, then the new set launches; the boot gate lets one new node start the database first. Rolling
            // node by node would run the old and the new release against one database.
            UpdatePolicy = props.AtRest ? null : UpdatePolicy.RollingUpdate(new RollingUpdateOptions
            {
                MaxBatchSize = request.NodeCount,
                MinInstancesInService = 0,
                WaitOnResourceSignals = true,
                PauseTime = request.BootTimeout,
            }),
            GroupMetrics = [GroupMetrics.All()],
            Notifications = [new NotificationConfiguration { Topic = request.AlarmTopic }],
        });
    }
}
