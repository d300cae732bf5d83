using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.RDS;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SNS;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// What <see cref="TfeDeploymentPropsBase.DisasterRecovery"/> adds to a primary deployment: the deterministic database
/// identifier and secret names, the secrets replicated into the DR region (DR-2), the S3 cross-region replication with its
/// failure alarm (DR-4), and for a cold standby the replication of the automated backups (DR-3).
/// </summary>
internal static class TfeDrPrimary
{
    /// <summary>Applies the DR settings to the primary data tier, through its L1 resources (create-time names).</summary>
    /// <returns>The alarm on failed cross-region replications.</returns>
    public static Alarm Apply(TfeDataTier data, TfeDrNames names, ITopic? alarmTopic)
    {
        var drRegion = names.Settings.DrRegion;
        // Every property set here is update-safe (none is create-only in the CloudFormation schemas): adding DR to a running
        // deployment keeps its database, secrets and bucket (tests/Tfe.Cdk.Tests/Transitions). The names were set at creation.
        var database = (CfnDBInstance)data.Database.Node.DefaultChild!;
        if (names.StandbyMode == TfeStandbyMode.Cold && names.Settings.BackupReplicationKeyArn is { } keyArn)
        {
            // Replicated automated backups (point-in-time restore in the DR region), CloudFormation-native since 2023;
            // the CDK 2.160 L2 has no prop for it (aws/aws-cdk#21206). RDS documents the key as a key ARN of the
            // destination region (StartDBInstanceAutomatedBackupsReplication, KmsKeyId), not an alias: the user passes it.
            database.AutomaticBackupReplicationRegion = drRegion;
            database.AutomaticBackupReplicationKmsKeyId = keyArn;
        }
        else if (names.StandbyMode == TfeStandbyMode.Cold)
        {
            Warnings.Add(data, "backupsNotReplicated", RuleIds.Dr3,
                $"Cold standby without DisasterRecovery.BackupReplicationKeyArn: the database's automated backups are not replicated into {drRegion} yet, so the standby has nothing to restore. Deploy the DR storage stack, copy its KeyArn output into BackupReplicationKeyArn (all three stacks) and deploy again: replication starts in place.");
        }

        // The database secret keeps the credentials the replica inherits; the DR nodes read its replica by name.
        var secret = (CfnSecret)data.Database.Node.FindChild("Secret").Node.DefaultChild!;
        secret.ReplicaRegions = new object[] { new CfnSecret.ReplicaRegionProperty { Region = drRegion, KmsKeyId = names.DrKeyAliasArn } };
        SecretReadPolicy.AllowTagged(data.DatabaseSecret, names.Prefix);

        var replication = BucketReplication.AddCrossRegion(data, "ReplicationRole", data.Bucket, data.Key, new BucketReplication.CrossRegionDestination(
            names.DrBucketName, drRegion, names.DrKeyAliasName, names.DrKeyAliasArn, names.Settings.S3ReplicationTimeControl ?? false));
        NagSuppressions.Add(replication.Role.Node.FindChild("DefaultPolicy"), false, new NagSuppressions.Suppression(
            "AwsSolutions-IAM5",
            "S3 cross-region replication (DR-4) writes object versions under any key of the secondary bucket, and encrypts with the secondary region's key, known here only by alias: any key of that region and account, narrowed by kms:ResourceAliases to the DR key's alias.",
            replication.ObjectWildcardFindings));

        return Alarms.Create(data, "CrossRegionReplicationFailedAlarm", new Metric(new MetricProps
        {
            Namespace = "AWS/S3",
            MetricName = "OperationsFailedReplication",
            DimensionsMap = new Dictionary<string, string>
            {
                ["SourceBucket"] = data.Bucket.BucketName,
                ["DestinationBucket"] = names.DrBucketName,
                ["RuleId"] = BucketReplication.CrossRegionRuleId,
            },
            Statistic = "Sum",
            Period = Periods.FiveMinutes,
        }),
            0, ComparisonOperator.GREATER_THAN_THRESHOLD,
            $"Objects of the TFE bucket failed to replicate into {names.DrBucketName} ({drRegion}, DR-4). S3 does not check the replica key: check that alias {names.DrKeyAliasName} exists in {drRegion} and the DR storage stack is deployed.",
            alarmTopic, evaluationPeriods: 1, treatMissingData: TreatMissingData.NOT_BREACHING);
    }

    /// <summary>The primary's canonical name and serving alarm (<see cref="TfeDrDns"/>).</summary>
    public static Amazon.CDK.AWS.Route53.ARecord Dns(Construct scope, Amazon.CDK.AWS.Route53.IHostedZone zone, TfeAppTier app, TfeDrNames names) =>
        TfeDrDns.Primary(scope, zone, app, names);

    /// <summary>
    /// Replicates the library's <c>TFE_ENCRYPTION_PASSWORD</c> (the app tier's secret, named since creation) into the DR
    /// region: the DR nodes must unseal TFE's Vault with the very same value. <c>ReplicaRegions</c> is update-safe. The
    /// secret's read-deny policy travels with the replica, so it also admits the DR region's node role by its reader tag.
    /// </summary>
    public static void ReplicatePassword(TfeAppTier app, TfeDrNames names)
    {
        ((CfnSecret)app.EncryptionPassword.Node.DefaultChild!).ReplicaRegions = new object[]
        {
            new CfnSecret.ReplicaRegionProperty { Region = names.Settings.DrRegion, KmsKeyId = names.DrKeyAliasArn },
        };
        SecretReadPolicy.AllowTagged(app.EncryptionPassword, names.Prefix);
    }
}
