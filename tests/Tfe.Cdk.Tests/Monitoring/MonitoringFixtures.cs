using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Monitoring;

/// <summary>
/// Active/Active behind an internal ALB, with the disaster-recovery inputs a DR branch passes (a replica's lag, an S3
/// replication rule) and a backup tool and a restore tool granted through the tiers: one synth per test run, shared by
/// every class that takes this fixture (xunit builds a class fixture once per class; two classes take this one).
/// </summary>
public sealed class ActiveActiveMonitoringFixture
{
    public const string DrBucketName = "tfe-dr-bucket";
    public const string ReplicaId = "tfe-dr-replica";

    private static readonly Lazy<ActiveActiveMonitoringFixture> Shared = new(() => new ActiveActiveMonitoringFixture(TestApp.NewStack()));

    public ActiveActiveMonitoringFixture()
    {
        var shared = Shared.Value;
        (Tfe, BackupRole, RestoreRole, BackupRoleId, RestoreRoleId, Synth, Body) =
            (shared.Tfe, shared.BackupRole, shared.RestoreRole, shared.BackupRoleId, shared.RestoreRoleId, shared.Synth, shared.Body);
    }

    private ActiveActiveMonitoringFixture(Stack stack)
    {
        Tfe = new TfeActiveActive(stack, "Tfe", new TfeActiveActiveProps
        {
            Hostname = "tfe.example.com",
            License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
            LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
        });
        Tfe.Dashboard!.AddDatabaseReplicaLag(new Metric(new MetricProps
        {
            Namespace = "AWS/RDS",
            MetricName = "ReplicaLag",
            DimensionsMap = new Dictionary<string, string> { ["DBInstanceIdentifier"] = ReplicaId },
        }));
        Tfe.Dashboard.AddS3Replication(new TfeS3Replication
        {
            SourceBucket = Tfe.Data.Bucket,
            DestinationBucket = Bucket.FromBucketName(stack, "DrBucket", DrBucketName),
            RuleId = "ReplicateToDr",
        });

        BackupRole = new Role(stack, "BackupTool", new RoleProps { AssumedBy = new ServicePrincipal("backup.amazonaws.com") });
        Tfe.Data.GrantObjectStorageRead(BackupRole);
        Scaffolding.Nag(BackupRole, "AwsSolutions-IAM5", "IAMNoInlinePolicy");
        RestoreRole = new Role(stack, "RestoreTool", new RoleProps { AssumedBy = new ServicePrincipal("ec2.amazonaws.com") });
        Tfe.App.GrantReadEncryptionPassword(RestoreRole);
        Scaffolding.Nag(RestoreRole, "IAMNoInlinePolicy");

        BackupRoleId = stack.GetLogicalId((CfnElement)BackupRole.Node.DefaultChild!);
        RestoreRoleId = stack.GetLogicalId((CfnElement)RestoreRole.Node.DefaultChild!);
        Synth = new SynthesizedTemplate(stack);
        Body = new DashboardBody(Synth);
    }

    public TfeActiveActive Tfe { get; }

    public Role BackupRole { get; }

    public Role RestoreRole { get; }

    public string BackupRoleId { get; }

    public string RestoreRoleId { get; }

    public SynthesizedTemplate Synth { get; }

    public DashboardBody Body { get; }
}
