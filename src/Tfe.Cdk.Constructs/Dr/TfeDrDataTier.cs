using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.RDS;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SNS;
using Constructs;
using InstanceType = Amazon.CDK.AWS.EC2.InstanceType;
using TierAlarms = Tfe.Cdk.Constructs.Alarms;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The data tier of the secondary region (DR-3, DR-4): the database that follows or replaces the primary's (a cross-region
/// read replica for a warm standby, a database restored from replicated backups for a cold one), the replicated bucket
/// and key of <see cref="TfeDrStorage"/>, and the replicated database secret. Defined by <see cref="TfeDrRegion"/>.
/// </summary>
/// <remarks>
/// <para><c>TFE_DATABASE_HOST</c> comes from this region's database endpoint, never from the replicated secret, whose
/// <c>host</c> field names the primary. Only the password is read from the secret (the replica inherits the primary's
/// users and passwords).</para>
/// <para>CDK 2.160's <c>DatabaseInstanceReadReplica</c> writes the source's <c>instanceArn</c>, which for an imported
/// instance carries the importing stack's region, so a cross-region source gets a wrong ARN (aws/aws-cdk#28998). The L2
/// is kept (security group, subnet group, parameter group, connections) and its L1 is corrected: the source ARN in the
/// primary region and <c>SourceRegion</c>; <c>StorageEncrypted</c> is removed (CloudFormation rejects it beside a
/// source; the replica is encrypted with <c>KmsKeyId</c>, the DR key).</para>
/// <para>CloudFormation ignores the deletion policy of a read replica: deleting the DR stack at rest deletes the replica
/// without a snapshot (it holds nothing the primary does not). Deletion protection is on in every state, and once promoted
/// the database takes a final snapshot when deleted.</para>
/// </remarks>
public class TfeDrDataTier : Construct, ITfeDataTier, ITfeIamDatabase
{
    /// <summary>How descriptions name the standby's database.</summary>
    private const string Site = "TFE PostgreSQL, secondary region";

    /// <summary>A host name that never resolves: a cold standby's nodes are at 0 and have no database until one is restored.</summary>
    internal const string NoDatabaseHost = "database-not-restored.invalid";

    internal TfeDrDataTier(Construct scope, string id, TfeDrDataTierInputs inputs)
        : base(scope, id)
    {
        var names = inputs.Names;
        _bucketArn = names.DrBucketArn;
        ObjectWildcardFinding = $"Resource::arn:<AWS::Partition>:s3:::{names.DrBucketName}/*";
        Key = inputs.Storage.Key;
        Bucket = inputs.Storage.Bucket;
        AccessLogsBucket = inputs.Storage.AccessLogsBucket;
        DatabaseName = inputs.DatabaseName;
        DatabaseUsername = inputs.DatabaseUsername;
        DatabaseSecret = Secret.FromSecretNameV2(this, "DatabaseSecret", names.DatabaseSecretName);

        SecurityGroup = TfeDatabaseParts.SecurityGroup(this, inputs.Network.Vpc, Site);
        Connections = new Connections_(new ConnectionsProps { SecurityGroups = [SecurityGroup], DefaultPort = Port.Tcp(DatabasePortNumber) });
        var engine = TfeDatabaseParts.Engine(inputs.EngineVersion);
        var parameters = TfeDatabaseParts.TlsParameters(this, engine, Site);
        var subnets = new SubnetGroup(this, "DatabaseSubnets", new SubnetGroupProps
        {
            Vpc = inputs.Network.Vpc,
            VpcSubnets = inputs.Network.DataSubnets,
            Description = "TFE PostgreSQL, secondary region: data subnets (DB-4)",
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        if (names.StandbyMode == TfeStandbyMode.Warm)
        {
            var replica = Replica(inputs, engine, parameters, subnets);
            DatabaseInstance = replica;
            DatabaseResource = (CfnDBInstance)replica.Node.DefaultChild!;
            DatabaseEndpointAddress = replica.DbInstanceEndpointAddress;
            DatabasePort = replica.DbInstanceEndpointPort;
        }
        else if (inputs.RestoreSource is { } source)
        {
            DatabaseResource = Restored(inputs, source, parameters, subnets);
            DatabaseEndpointAddress = DatabaseResource.AttrEndpointAddress;
            DatabasePort = DatabaseResource.AttrEndpointPort;
        }
        else
        {
            DatabaseEndpointAddress = NoDatabaseHost;
            DatabasePort = DatabasePortNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        IamDatabaseUser = inputs.IamDatabaseUser;
        if (DatabaseResource is not null && IamDatabaseUser is not null)
        {
            // The login role comes with the data (physical replication, or the snapshot); only the instance setting is ours.
            DatabaseResource.EnableIamDatabaseAuthentication = true;
        }

        if (DatabaseResource is not null)
        {
            NagSuppressions.Add(DatabaseResource, false, NagControls.RdsMinorVersionUpgrade, TfeDataTierNag.MinorVersionUpgradeReason);
            NagSuppressions.Add(DatabaseResource, false, new NagSuppressions.Suppression(
                "AwsSolutions-RDS11",
                "TFE reaches PostgreSQL on its default port 5432 (TFE_DATABASE_HOST carries host:port); access is limited by the security group to the TFE nodes, so a non-default port adds no protection."));
        }

    }

    /// <summary>
    /// Why the promoted or restored database is in no AWS Backup plan. The library does not recreate the primary's opt-in
    /// plan here; it says so rather than claim a plan the template does not have.
    /// </summary>
    private const string PromotedBackupPlanReason =
        "Promoted or restored, the database has RDS automated backups with point-in-time recovery (DB-3, BackupRetentionPeriod from DatabaseBackupRetention) and a final snapshot on delete. The primary's opt-in AWS Backup plan (Data.DatabaseBackupPlan) is not recreated in this region: a failed-over site runs until the pair is rebuilt (docs/disaster-recovery.md). Add a plan selection for this instance yourself if policy needs one during a long failover.";

    /// <summary>The primary's IAM-authenticated login role, which replication (or the restored snapshot) brings; null with password authentication.</summary>
    public string? IamDatabaseUser { get; }

    /// <summary>Nothing to wait for here: no SQL runs in this region (a replica is read-only; the role is in the data).</summary>
    IDependable? ITfeIamDatabase.DatabaseUserReady => null;

    /// <summary>
    /// Grants <c>rds-db:connect</c> as <see cref="IamDatabaseUser"/> on this region's database, by its own
    /// <c>DbiResourceId</c> (immutable: a promotion keeps it). Nothing for a cold standby at rest, which has no database.
    /// </summary>
    /// <param name="grantee">The principal, typically the TFE nodes' role.</param>
    public void GrantConnect(IGrantable grantee)
    {
        if (DatabaseResource is not null && IamDatabaseUser is { } user)
        {
            TfeDatabaseConnectGrant.Grant(this, grantee, DatabaseResource.AttrDbiResourceId, user);
        }
    }

    /// <summary>The read replica (warm standby) as an L2, or null for a cold standby.</summary>
    public DatabaseInstanceReadReplica? DatabaseInstance { get; }

    /// <summary>The database's L1 (replica or restored), or null for a cold standby that has not been restored.</summary>
    public CfnDBInstance? DatabaseResource { get; }

    /// <summary>The database's security group (it exists at rest in every mode, so the nodes' rule is in place before a restore).</summary>
    public SecurityGroup SecurityGroup { get; }

    /// <summary>The database's connections: the TFE nodes are allowed on 5432.</summary>
    public Connections_ Connections { get; }

    /// <summary>This region's database endpoint (<c>TFE_DATABASE_HOST</c>); a name that never resolves for a cold standby at rest.</summary>
    public string DatabaseEndpointAddress { get; }

    /// <summary>The database port.</summary>
    public string DatabasePort { get; }

    /// <summary>The name of TFE's database, inherited from the primary.</summary>
    public string DatabaseName { get; }

    /// <summary>The database user TFE connects as, inherited from the primary.</summary>
    public string DatabaseUsername { get; }

    /// <summary>The replica of the primary's database secret in this region (read by name; use its <c>password</c> only).</summary>
    public ISecret DatabaseSecret { get; }

    /// <summary>The bucket the primary's objects replicate into (from <see cref="TfeDrStorage"/>).</summary>
    public IBucket Bucket { get; }

    /// <summary>The secondary region's KMS key (from <see cref="TfeDrStorage"/>).</summary>
    public IKey Key { get; }

    /// <summary>The access-logs bucket of the secondary region (from <see cref="TfeDrStorage"/>).</summary>
    public IBucket AccessLogsBucket { get; }

    /// <summary>The data tier's alarms: replica lag for a warm standby (OPS-2), notifying the region's alarm topic.</summary>
    public IReadOnlyList<Alarm> Alarms { get; private set; } = [];

    private const int DatabasePortNumber = 5432;

    /// <summary>The DR bucket by its deterministic ARN: the nodes' policy needs no import from the storage stack.</summary>
    private readonly string _bucketArn;

    /// <summary>How cdk-nag names the nodes' object wildcard on the DR bucket.</summary>
    internal string ObjectWildcardFinding { get; }

    /// <summary>Grants read and write on the bucket's objects and use of the key (the same actions as <see cref="TfeDataTier"/>).</summary>
    /// <param name="grantee">The principal, typically the TFE nodes' role.</param>
    /// <returns>The combined grant.</returns>
    public Grant GrantObjectStorageReadWrite(IGrantable grantee)
    {
        var bucket = Grant.AddToPrincipal(new GrantOnPrincipalOptions
        {
            Grantee = grantee,
            Actions = ["s3:ListBucket", "s3:GetBucketLocation"],
            ResourceArns = [_bucketArn],
        });
        var objects = Grant.AddToPrincipal(new GrantOnPrincipalOptions
        {
            Grantee = grantee,
            Actions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
            ResourceArns = [_bucketArn + "/*"],
        });
        return bucket.Combine(objects).Combine(Key.Grant(grantee, "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"));
    }

    /// <summary>Grants reading the replicated database secret, and decrypting it with the DR key.</summary>
    /// <param name="grantee">The principal, typically the TFE nodes' role.</param>
    /// <returns>The secret's grant.</returns>
    public Grant GrantReadDatabaseSecret(IGrantable grantee)
    {
        Key.Grant(grantee, "kms:Decrypt");
        return DatabaseSecret.GrantRead(grantee);
    }

    private DatabaseInstanceReadReplica Replica(TfeDrDataTierInputs inputs, IInstanceEngine engine, ParameterGroup parameters, SubnetGroup subnets)
    {
        var names = inputs.Names;
        var source = Amazon.CDK.AWS.RDS.DatabaseInstance.FromDatabaseInstanceAttributes(this, "PrimaryDatabase", new DatabaseInstanceAttributes
        {
            InstanceIdentifier = names.DatabaseIdentifier,
            InstanceEndpointAddress = NoDatabaseHost,
            Port = DatabasePortNumber,
            SecurityGroups = [],
            Engine = engine,
        });
        var replica = new DatabaseInstanceReadReplica(this, "Database", new DatabaseInstanceReadReplicaProps
        {
            SourceDatabaseInstance = source,
            InstanceIdentifier = names.DatabaseIdentifier,
            InstanceType = inputs.DatabaseInstanceType ?? new InstanceType(Defaults.DatabaseInstanceType),
            Vpc = inputs.Network.Vpc,
            SubnetGroup = subnets,
            SecurityGroups = [SecurityGroup],
            ParameterGroup = parameters,
            StorageEncryptionKey = Key,
            StorageType = StorageType.GP3,
            MaxAllocatedStorage = Defaults.DatabaseMaxAllocatedStorageGiB,
            // Multi-AZ from the start, so DB-1 holds the moment it is promoted and promotion changes nothing else.
            MultiAz = true,
            PubliclyAccessible = false,
            DeletionProtection = true,
            CopyTagsToSnapshot = true,
            AutoMinorVersionUpgrade = false,
            CloudwatchLogsExports = ["postgresql", "upgrade"],
            MonitoringInterval = Duration.Seconds(Defaults.DatabaseMonitoringIntervalSeconds),
            EnablePerformanceInsights = true,
            PerformanceInsightEncryptionKey = Key,
            // Applies once promoted: CloudFormation ignores deletion policies on read replicas.
            RemovalPolicy = RemovalPolicy.SNAPSHOT,
        });

        var cfn = (CfnDBInstance)replica.Node.DefaultChild!;
        // aws/aws-cdk#28998: the L2 writes the imported source's ARN in *this* stack's region. Write the primary's.
        // SourceRegion and KmsKeyId (the DR key, required for an encrypted source) are create-only: they are the
        // same before and after promotion. StorageEncrypted is create-only too and CloudFormation rejects it beside a
        // source (cfn-lint E3020): it is never written.
        cfn.SourceRegion = names.Settings.PrimaryRegion;
        cfn.AddPropertyDeletionOverride("StorageEncrypted");
        if (inputs.Promoted)
        {
            // CloudFormation promotes a read replica when SourceDBInstanceIdentifier is removed; the same update sets
            // the backups the standalone database needs (DB-3).
            cfn.AddPropertyDeletionOverride("SourceDBInstanceIdentifier");
            cfn.BackupRetentionPeriod = inputs.BackupRetentionDays;
        }
        else
        {
            cfn.SourceDbInstanceIdentifier = names.PrimaryDatabaseArn;
        }

        NagSuppressions.Add(replica, false, NagControls.RdsStorageEncrypted,
            "The cross-region replica is encrypted with KmsKeyId (the secondary region's key); StorageEncrypted is inherited from the encrypted source and CloudFormation rejects it beside SourceDBInstanceIdentifier (cfn-lint E3020), so it is not written. It is create-only: after promotion the same encrypted instance keeps it unwritten.");
        NagSuppressions.Add(replica, false, NagControls.RdsBackupPlan, inputs.Promoted
            ? PromotedBackupPlanReason
            : "At rest the database is a read replica that keeps no backups of its own (no BackupRetentionPeriod while it follows the primary): the primary's automated backups, and its AWS Backup plan when Data.DatabaseBackupPlan is on, cover the same data. Promotion (Promoted = true) turns automated backups on in this region.");
        if (replica.Node.TryFindChild("MonitoringRole") is { } monitoringRole)
        {
            NagSuppressions.Add(monitoringRole, false, new NagSuppressions.Suppression(
                "AwsSolutions-IAM4",
                "RDS enhanced monitoring (OPS-2) uses the AWS managed policy made for it, which only writes the RDSOSMetrics log group.",
                ["Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"]));
        }

        return replica;
    }

    private CfnDBInstance Restored(TfeDrDataTierInputs inputs, TfeDrRestoreSource source, ParameterGroup parameters, SubnetGroup subnets)
    {
        var names = inputs.Names;
        var instanceType = inputs.DatabaseInstanceType?.ToString() ?? Defaults.DatabaseInstanceType;
        // Enhanced monitoring (OPS-2) as on the primary and the replica: the L2 defines this role itself, the L1 does not.
        var monitoringRole = new Role(this, "DatabaseMonitoringRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("monitoring.rds.amazonaws.com"),
            ManagedPolicies = [ManagedPolicy.FromAwsManagedPolicyName("service-role/AmazonRDSEnhancedMonitoringRole")],
        });
        NagSuppressions.Add(monitoringRole, false, new NagSuppressions.Suppression(
            "AwsSolutions-IAM4",
            "RDS enhanced monitoring (OPS-2) uses the AWS managed policy made for it, which only writes the RDSOSMetrics log group.",
            ["Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"]));
        var database = new CfnDBInstance(this, "Database", new CfnDBInstanceProps
        {
            MonitoringInterval = Defaults.DatabaseMonitoringIntervalSeconds,
            MonitoringRoleArn = monitoringRole.RoleArn,
            DbInstanceIdentifier = names.DatabaseIdentifier,
            DbInstanceClass = "db." + instanceType,
            Engine = "postgres",
            DbSubnetGroupName = subnets.SubnetGroupName,
            VpcSecurityGroups = [SecurityGroup.SecurityGroupId],
            DbParameterGroupName = parameters.BindToInstance(new ParameterGroupInstanceBindOptions()).ParameterGroupName,
            MultiAz = true,
            PubliclyAccessible = false,
            // No KmsKeyId/StorageEncrypted: a restore inherits the encryption of its source (the replicated backups are
            // encrypted with the DR key), and KmsKeyId without StorageEncrypted is refused by the schema (cfn-lint E3720).
            StorageType = "gp3",
            MaxAllocatedStorage = Defaults.DatabaseMaxAllocatedStorageGiB,
            BackupRetentionPeriod = inputs.BackupRetentionDays,
            DeleteAutomatedBackups = false,
            DeletionProtection = true,
            CopyTagsToSnapshot = true,
            AutoMinorVersionUpgrade = false,
            EnableCloudwatchLogsExports = ["postgresql", "upgrade"],
            // Keep this source on every later deployment: the restore properties are create-only.
            SourceDbInstanceAutomatedBackupsArn = source.IsAutomatedBackups ? source.Value : null,
            UseLatestRestorableTime = source.IsAutomatedBackups ? true : null,
            DbSnapshotIdentifier = source.IsAutomatedBackups ? null : source.Value,
        });
        database.ApplyRemovalPolicy(RemovalPolicy.SNAPSHOT);
        NagSuppressions.Add(database, false, NagControls.RdsStorageEncrypted,
            "The restored database inherits its encryption from the replicated backups or snapshot, which the primary's backup replication encrypts with the secondary region's key; StorageEncrypted and KmsKeyId are not written because a restore takes them from its source.");
        NagSuppressions.Add(database, false, NagControls.RdsBackupPlan, PromotedBackupPlanReason);
        return database;
    }

    /// <summary>
    /// Defines the alarms once the region's alarm topic exists: the app tier defines it (or takes the user's), and the app
    /// tier needs this data tier first.
    /// </summary>
    internal void DefineAlarms(ITopic topic)
    {
        if (DatabaseInstance is null)
        {
            return;
        }

        Alarms =
        [
            TierAlarms.Create(this, "ReplicaLagAlarm", DatabaseInstance.Metric("ReplicaLag", new MetricOptions { Statistic = "Maximum", Period = Periods.FiveMinutes }),
                900, ComparisonOperator.GREATER_THAN_THRESHOLD,
                "The secondary region's replica is more than 15 minutes behind the primary database: the recovery point of a failover now is that far back. Check the primary's write load and the replica's storage and instance class.",
                topic, evaluationPeriods: 3, treatMissingData: TreatMissingData.NOT_BREACHING),
        ];
    }
}
