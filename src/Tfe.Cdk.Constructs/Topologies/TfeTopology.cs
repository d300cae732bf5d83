using Amazon.CDK;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.SNS;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>What the topologies share: resolving the network, the DNS record and the stack outputs.</summary>
internal static class TfeTopology
{
    /// <summary>
    /// Checks every tier's rules before any tier is built, so one exception lists all violations: the topology's own, the
    /// data tier's, the app tier's, and the engine versions against the TFE release (the caller adds the cache's own).
    /// </summary>
    /// <param name="scope">The topology, for checks that read jsii objects and for warnings.</param>
    /// <param name="props">The topology's props.</param>
    /// <param name="network">The resolved network.</param>
    /// <param name="mode">The operational mode.</param>
    /// <param name="nodeCount">The node count, when the topology sets one.</param>
    /// <param name="drainTimeout">The drain timeout (active/active).</param>
    /// <param name="redisVersion">The Redis engine version (active/active), checked against the release (REDIS-8).</param>
    public static RuleCheck Check(Construct scope, TfeDeploymentPropsBase props, ITfeNetwork network, TfeOperationalMode mode, int? nodeCount, Duration? drainTimeout,
        string? redisVersion = null)
    {
        var data = TfeDataTierPropsValidator.Read(DataTierProps(props, network));
        var postgresMajor = data.EngineMajorVersion ?? (props.Data?.DatabaseEngineVersion is null ? Defaults.PostgresMajorVersion : null);
        var postgresFull = data.EngineFullVersion ?? (props.Data?.DatabaseEngineVersion is null ? Defaults.PostgresFullVersion : null);
        return Shared(props)
            .Include(DisasterRecovery(scope, props).Violations)
            .Include(TfeDeploymentNaming.Check(scope, props).Violations)
            .Include(TfeDataTierPropsValidator.Check(data).Violations)
            .Include(TfeDataTierPropsValidator.CheckInputs(DataTierProps(props, network), scope).Violations)
            .Include(TfeAppTierPropsValidator.Check(AppTierInputs.From(props, mode, mode == TfeOperationalMode.ActiveActive, nodeCount, drainTimeout)).Violations)
            .Include(TfeAppTierPropsValidator.CheckInputs(props, scope, network, data: null, redis: null, wired: false, nodeCount, drainTimeout).Violations)
            .Include(TfeReleaseSupport.Check(props.TfeVersion ?? Defaults.TfeVersion, postgresMajor, postgresFull, redisVersion).Violations)
            .Include(TfeReleaseSupport.CheckDatabaseAuthentication(props.TfeVersion ?? Defaults.TfeVersion, props.Data?.DatabaseAuthentication).Violations)
            .IncludeAll(TfeTopologyInputs.Check(props, scope));
    }

    /// <summary>
    /// A release the library cannot fully check is allowed, with a warning (DB-1, REDIS-8): see
    /// <see cref="TfeReleaseSupport.Advise"/>.
    /// </summary>
    public static void WarnOnUnknownRelease(Construct scope, TfeDeploymentPropsBase props) =>
        Warnings.Add(scope, TfeReleaseSupport.Advise(props.TfeVersion ?? Defaults.TfeVersion));

    private static RuleCheck Shared(TfeDeploymentPropsBase props) => new RuleCheck()
        .FailIf(props.Network is not null && props.NetworkOptions is not null, RuleIds.Net1, "NetworkOptions", RuleCheck.Describe("(set)"),
            "cannot be combined with an existing Network", "Pass either Network (an existing TfeNetwork) or NetworkOptions, not both")
        .FailIf(props.HostedZone is not null && TfeTopologyInputs.ZoneName(props.HostedZone) is { } zoneName && !HostnameInZone(props.Hostname, zoneName), RuleIds.Net2, "Hostname",
            props.Hostname, $"is not inside the HostedZone {(props.HostedZone is null ? null : TfeTopologyInputs.ZoneName(props.HostedZone))}",
            "Use a hostname in that zone, or pass the zone that contains it")
        .FailIf(props.DnsFailover is not null && props.HostedZone is null, RuleIds.Net3, "DnsFailover", props.DnsFailover,
            "needs a HostedZone: the failover pair is a pair of Route 53 records for the hostname",
            "Pass the Route 53 zone that holds the hostname (the same zone in both regions), or remove DnsFailover");

    /// <summary>The primary side of a DR pair (DR-2): valid shared names, this stack in the primary region, no conflicting prop.</summary>
    private static RuleCheck DisasterRecovery(Construct scope, TfeDeploymentPropsBase props)
    {
        if (props.DisasterRecovery is not { } dr)
        {
            return new RuleCheck();
        }

        var stack = Stack.Of(scope);
        return TfeDisasterRecoveryValidator.Check(dr, Plain(stack.Region), Plain(stack.Account), dr.PrimaryRegion, "primary")
            .FailIf(props.EncryptionPassword is not null, RuleIds.Dr2, "EncryptionPassword", "(set)",
                "cannot be combined with DisasterRecovery: both regions must unseal TFE with the same password, so the library defines it under a fixed name and replicates it",
                "Remove EncryptionPassword")
            .FailIf(props.DnsFailover is not null, RuleIds.Net3, "DnsFailover", props.DnsFailover,
                "cannot be combined with DisasterRecovery, which defines the failover pair itself (gated against automatic fail-back)",
                "Remove DnsFailover and pass the HostedZone to the primary and the TfeDrRegion");

        static string? Plain(string value) => RuleCheck.IsToken(value) ? null : value;
    }

    /// <summary>
    /// Names the library's encryption password (always the app tier's <c>App/EncryptionPassword</c>, DR or not, so adding
    /// DR keeps its logical id and value) and, for a DR primary, replicates it into the DR region (an update-safe property).
    /// </summary>
    public static TfeDeploymentNaming.Resolved NameSecrets(Construct scope, TfeDeploymentPropsBase props, TfeAppTier app)
    {
        var names = TfeDeploymentNaming.For(scope, props);
        TfeDeploymentNaming.NamePassword(app, names);
        if (props.DisasterRecovery is { } dr && props.EncryptionPassword is null)
        {
            TfeDrPrimary.ReplicatePassword(app, Names(scope, props, dr));
        }

        return names;
    }

    private static TfeDrNames Names(Construct scope, TfeDeploymentPropsBase props, TfeDisasterRecovery dr) =>
        new(dr, Stack.Of(scope).Account, Stack.Of(scope).Partition) { Physical = TfeDeploymentNaming.For(scope, props).Physical };

    public static ITfeNetwork Network(Construct scope, TfeDeploymentPropsBase props) =>
        props.Network ?? new TfeNetwork(scope, "Network", props.NetworkOptions);

    /// <summary>Defines the hostname's record, after claiming the hostname in its zone (so no other deployment of the app takes it).</summary>
    public static ARecord? DnsRecord(Construct scope, TfeDeploymentPropsBase props, TfeAppTier app)
    {
        TfeTopologyInputs.Claim(scope, props);
        return Dns(scope, props, app);
    }

    public static TfeDataTier DataTier(Construct scope, TfeDeploymentPropsBase props, ITfeNetwork network, ITopic alarmTopic)
    {
        var topic = props.Data?.AlarmTopic ?? alarmTopic;
        var data = new TfeDataTier(scope, "Data", DataTierProps(props, network) with { AlarmTopic = topic });
        TfeDeploymentNaming.NameData(data, TfeDeploymentNaming.For(scope, props));
        if (props.DisasterRecovery is { } dr)
        {
            TfeDrPrimary.Apply(data, Names(scope, props, dr), topic);
        }

        return data;
    }

    private static TfeDataTierProps DataTierProps(TfeDeploymentPropsBase props, ITfeNetwork network) =>
        new TfeDataTierProps(props.Data ?? new TfeDataTierOptions(), network) with
        {
            AlarmTopic = props.Data?.AlarmTopic ?? props.AlarmTopic,
        };

    /// <summary>The one topic of every tier's alarms and the Auto Scaling notifications: the user's, or a new encrypted one.</summary>
    public static ITopic AlarmTopic(Construct scope, TfeDeploymentPropsBase props) => AlarmTopics.OrNew(scope, props.AlarmTopic);

    /// <summary>The app tier's options as the topology resolves them: the shared topic, and (for an ALB or NLB) deletion protection unless a sandbox is meant to be destroyed.</summary>
    public static TfeAppTierProps AppTierProps(TfeDeploymentPropsBase props, ITfeNetwork network, TfeDataTier data, ITopic alarmTopic) =>
        new(props, network, data)
        {
            AlarmTopic = alarmTopic,
            Fence = props.DisasterRecovery is { } dr ? TfeNodeFence.For(dr) : null,
            // A Classic Load Balancer has no deletion protection: the default leaves it unset (an explicit true is refused).
            LoadBalancerDeletionProtection = props.LoadBalancerDeletionProtection
                ?? (props.LoadBalancerType == TfeLoadBalancerType.Classic ? null : props.Data?.RemovalPolicy != RemovalPolicy.DESTROY),
        };

    /// <summary>The alias record for the hostname (NET-2), when a zone was given; one half of a failover pair when asked (NET-3).</summary>
    public static ARecord? Dns(Construct scope, TfeDeploymentPropsBase props, TfeAppTier app)
    {
        if (props.HostedZone is null)
        {
            return null;
        }

        if (props.DisasterRecovery is { } dr)
        {
            // A DR primary defines its canonical name; the DR stack defines the hostname's failover pair.
            return TfeDrPrimary.Dns(scope, props.HostedZone, app, Names(scope, props, dr));
        }

        var record = new ARecord(scope, "Dns", new ARecordProps
        {
            Zone = props.HostedZone,
            RecordName = props.Hostname + ".",
            Target = app.AliasTarget,
            Comment = props.DnsFailover is null
                ? "Terraform Enterprise: the hostname resolves to the load balancer (NET-2)"
                : "Terraform Enterprise: failover record for the hostname, answered while this load balancer has a healthy node (NET-3)",
        });
        if (props.DnsFailover is { } role)
        {
            // The ARecord L2 of CDK 2.160 has no failover routing: set it on the L1. Route 53 evaluates the load
            // balancer's target health, so the pair fails over when this region has no healthy TFE node.
            var cfn = (CfnRecordSet)record.Node.DefaultChild!;
            cfn.Failover = role == TfeDnsFailover.Primary ? "PRIMARY" : "SECONDARY";
            cfn.SetIdentifier = role == TfeDnsFailover.Primary ? "tfe-primary" : "tfe-secondary";
            cfn.AddPropertyOverride("AliasTarget.EvaluateTargetHealth", true);
        }

        return record;
    }

    /// <summary>The stack outputs an operator needs (URL, load balancer, data, secrets, and how to reach a node, OPS-5).</summary>
    public static void Outputs(Construct scope, TfeAppTier app, TfeDataTier data)
    {
        Output(scope, "Url", $"https://{app.Hostname}", "The TFE URL (the hostname must resolve to the load balancer)");
        Output(scope, "LoadBalancerDnsName", app.LoadBalancerDnsName, "Point the TFE hostname here (CNAME) if Route 53 is not used");
        Output(scope, "BucketName", data.Bucket.BucketName, "TFE's object storage bucket");
        Output(scope, "DatabaseEndpoint", data.DatabaseEndpointAddress, "PostgreSQL Multi-AZ endpoint");
        Output(scope, "DatabaseSecretArn", data.DatabaseSecret.SecretArn, "Database credentials (Secrets Manager)");
        Output(scope, "EncryptionPasswordSecretArn", app.EncryptionPassword.SecretArn, "TFE_ENCRYPTION_PASSWORD (Secrets Manager); never change it");
        TfeOperatorOutputs.Node(scope, app);
        Output(scope, "AutoScalingGroupName", app.AutoScalingGroup.AutoScalingGroupName, "The TFE nodes");
        TfeOperatorOutputs.DatabaseSnapshot(scope, data.Database.InstanceIdentifier);
        if (app.InitialAdminSecret is { } initialAdmin)
        {
            Output(scope, "InitialAdminSecretArn", initialAdmin.SecretArn,
                "InitialAdmin: the first admin's username, email and password, and its API token (token) once the first node has created it");
        }

        // A literal description: an Output's Description cannot hold an intrinsic (the hostname may be a CfnParameter).
        Output(scope, "InitialAdminTokenCommand", InitialAdminTokenCommand,
            "Day one, on a node (NodeSessionCommand), within TFE_IACT_TIME_LIMIT of TFE's first start (60 minutes unless IactTimeLimit): "
            + $"prints the Initial Admin Creation Token. Create the first admin on that node with: {InitialAdminScript} USERNAME EMAIL < password-file "
            + "(it posts to TFE on the node itself). Never open a URL holding the token through the load balancer: its access logs record URLs");
    }

    /// <summary>
    /// Reads the Initial Admin Creation Token inside the container (Flexible Deployment Options). Not
    /// <c>curl localhost/admin/retrieve-iact</c>: TFE listens on 8080/8443 inside the container and only 443 is published.
    /// </summary>
    public const string InitialAdminTokenCommand = "sudo docker exec terraform-enterprise tfectl admin token";

    /// <summary>
    /// Creates the first admin from a node, through TFE on that node (<c>tfe-initial-admin.sh</c>): HashiCorp's API takes
    /// the token in the URL's query, which a load balancer's access logs would record.
    /// </summary>
    public const string InitialAdminScript = "sudo " + TfeNodeFiles.Directory + "/tfe-initial-admin.sh";

    /// <summary>A stack output with its description (a literal: CloudFormation refuses an intrinsic there).</summary>
    internal static void Output(Construct scope, string id, string value, string description) =>
        new CfnOutput(scope, id, new CfnOutputProps { Value = value, Description = description });

    internal static bool HostnameInZone(string? hostname, string zoneName)
    {
        if (hostname is null || RuleCheck.IsToken(hostname) || RuleCheck.IsToken(zoneName))
        {
            return true;
        }

        var zone = zoneName.TrimEnd('.').ToLowerInvariant();
        var host = hostname.TrimEnd('.').ToLowerInvariant();
        return host == zone || host.EndsWith("." + zone, StringComparison.Ordinal);
    }
}
