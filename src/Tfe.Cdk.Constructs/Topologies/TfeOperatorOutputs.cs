using Amazon.CDK;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The stack outputs an operator runs as printed (OPS-5), shared by the topologies and a <see cref="TfeDrRegion"/>, so a
/// failed-over site has the same commands as the primary: each AWS CLI call carries the stack's region (an operator's
/// default region may be another). The construct ids, and so the output keys, are the ones the topologies always had.
/// </summary>
internal static class TfeOperatorOutputs
{
    /// <summary>The container logs and a shell on a node through Session Manager (no SSH).</summary>
    public static void Node(Construct scope, TfeAppTier app)
    {
        var region = Stack.Of(scope).Region;
        TfeTopology.Output(scope, "LogGroupName", app.LogGroup.LogGroupName, "TFE container logs (CloudWatch Logs)");
        TfeTopology.Output(scope, "NodeSessionCommand",
            $"aws ssm start-session --region {region} --target $(aws autoscaling describe-auto-scaling-groups --region {region} --auto-scaling-group-names {app.AutoScalingGroup.AutoScalingGroupName} --query 'AutoScalingGroups[0].Instances[0].InstanceId' --output text)",
            "Open a shell on a node with Session Manager (no SSH; needs the Session Manager plugin for the AWS CLI); TFE's CLI runs as: sudo docker exec -it terraform-enterprise tfectl ...");
    }

    /// <summary>A manual snapshot of the database, by its identifier, before an upgrade.</summary>
    public static void DatabaseSnapshot(Construct scope, string databaseIdentifier) =>
        TfeTopology.Output(scope, "DatabaseSnapshotCommand",
            $"aws rds create-db-snapshot --region {Stack.Of(scope).Region} --db-instance-identifier {databaseIdentifier} --db-snapshot-identifier tfe-$(date -u +%Y%m%d-%H%M)",
            "Before an upgrade (docs/node-lifecycle.md): a manual snapshot of the TFE database, kept until you delete it");

    /// <summary>Active/active has no admin console: the drain (OPS-3) and the support bundle, run on a node.</summary>
    public static void ActiveActive(Construct scope)
    {
        TfeTopology.Output(scope, "DrainCommand", "sudo docker exec terraform-enterprise tfectl node drain",
            "On a node (NodeSessionCommand): stop taking new work and let active runs finish (OPS-3, OPS-5)");
        TfeTopology.Output(scope, "SupportBundleCommand", "sudo docker exec terraform-enterprise tfectl support bundle",
            "On a node (NodeSessionCommand): produce a support bundle; active/active has no admin console (OPS-5)");
    }
}
