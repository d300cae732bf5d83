using Amazon.CDK;
using Amazon.CDK.AWS.Route53;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>What the topologies share: resolving the network, the DNS record and the stack outputs.</summary>
internal static class TfeTopology
{
    /// <summary>
    /// Checks every tier's rules before any tier is built, so one exception lists all violations: the topology's own, the
    /// data tier's and the app tier's (the caller adds the cache's).
    /// </summary>
    public static RuleCheck Check(Construct scope, TfeDeploymentPropsBase props, ITfeNetwork network, TfeOperationalMode mode, int? nodeCount, Duration? drainTimeout) =>
        Shared(props)
            .Include(DisasterRecovery(scope, props).Violations)
            .Include(TfeDataTierPropsValidator.Check(TfeDataTierPropsValidator.Read(DataTierProps(props, network))).Violations)
            .Include(TfeAppTierPropsValidator.Check(AppTierInputs.From(props, mode, mode == TfeOperationalMode.ActiveActive, nodeCount, drainTimeout)).Violations);

    private static RuleCheck Shared(TfeDeploymentPropsBase props) => new RuleCheck()
        .FailIf(props.Network is not null && props.NetworkOptions is not null, RuleIds.Net1, "NetworkOptions", "(set)",
            "cannot be combined with an existing Network", "Pass either Network (an existing TfeNetwork) or NetworkOptions, not both")
        .FailIf(props.HostedZone is not null && !HostnameInZone(props.Hostname, props.HostedZone.ZoneName), RuleIds.Net2, "Hostname",
            props.Hostname, $"is not inside the HostedZone {props.HostedZone?.ZoneName}",
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

    /// <summary>The encryption password: the user's, a replicated one under a fixed name for a DR primary, or null (the app tier generates one).</summary>
    public static Amazon.CDK.AWS.SecretsManager.ISecret? EncryptionPassword(Construct scope, TfeDeploymentPropsBase props, TfeDataTier data) =>
        props.DisasterRecovery is { } dr
            ? TfeDrPrimary.EncryptionPassword(scope, Names(scope, dr), data)
            : props.EncryptionPassword;

    private static TfeDrNames Names(Construct scope, TfeDisasterRecovery dr) =>
        new(dr, Stack.Of(scope).Account, Stack.Of(scope).Partition);

    public static ITfeNetwork Network(Construct scope, TfeDeploymentPropsBase props) =>
        props.Network ?? new TfeNetwork(scope, "Network", props.NetworkOptions);

    public static TfeDataTier DataTier(Construct scope, TfeDeploymentPropsBase props, ITfeNetwork network)
    {
        var data = new TfeDataTier(scope, "Data", DataTierProps(props, network));
        if (props.DisasterRecovery is { } dr)
        {
            TfeDrPrimary.Apply(data, Names(scope, dr), props.Data?.AlarmTopic ?? props.AlarmTopic);
        }

        return data;
    }

    private static TfeDataTierProps DataTierProps(TfeDeploymentPropsBase props, ITfeNetwork network) =>
        new TfeDataTierProps(props.Data ?? new TfeDataTierOptions(), network) with
        {
            AlarmTopic = props.Data?.AlarmTopic ?? props.AlarmTopic,
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
            return TfeDrPrimary.Dns(scope, props.HostedZone, app, Names(scope, dr));
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
        Output(scope, "LogGroupName", app.LogGroup.LogGroupName, "TFE container logs (CloudWatch Logs)");
        Output(scope, "AutoScalingGroupName", app.AutoScalingGroup.AutoScalingGroupName, "The TFE nodes");
        Output(scope, "NodeSessionCommand",
            $"aws ssm start-session --target $(aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names {app.AutoScalingGroup.AutoScalingGroupName} --query 'AutoScalingGroups[0].Instances[0].InstanceId' --output text)",
            "Open a shell on a node with Session Manager (no SSH); TFE's CLI runs as: sudo docker exec -it terraform-enterprise tfectl ...");
    }

    private static void Output(Construct scope, string id, string value, string description) =>
        new CfnOutput(scope, id, new CfnOutputProps { Value = value, Description = description });

    private static bool HostnameInZone(string hostname, string zoneName)
    {
        if (RuleCheck.IsToken(hostname) || RuleCheck.IsToken(zoneName))
        {
            return true;
        }

        var zone = zoneName.TrimEnd('.').ToLowerInvariant();
        var host = hostname.TrimEnd('.').ToLowerInvariant();
        return host == zone || host.EndsWith("." + zone, StringComparison.Ordinal);
    }
}
