using Amazon.CDK;
using Amazon.CDK.AWS.Backup;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.RDS;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;
using InstanceType = Amazon.CDK.AWS.EC2.InstanceType;
using TierAlarms = Tfe.Cdk.Constructs.Alarms;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The data tier of a TFE deployment in External Services mode: RDS for PostgreSQL Multi-AZ (DB-1..4), the
/// application bucket (S3-1, S3-3, S3-4), the backup bucket it replicates into (S3-5, DR-1), an access-logs bucket,
/// the KMS key and the CloudWatch alarms (OPS-2).
/// </summary>
/// <remarks>
/// <para>
/// The database is always Multi-AZ, encrypted with the key, TLS-only (<c>rds.force_ssl = 1</c>), with automated
/// backups, deletion protection and a final snapshot on deletion. Its master password is generated into Secrets
/// Manager; the template holds only a dynamic reference to it. The security group admits nobody: allow the TFE nodes
/// with <c>Connections.AllowDefaultPortFrom(nodes)</c>.
/// </para>
/// <para>
/// The reference asks for a periodic copy of the application bucket into a Standard-IA backup bucket (S3-5). This
/// construct does better: S3 replication copies every new object version continuously, in Standard-IA, and does
/// not replicate deletions, so objects TFE deletes stay in the backup bucket.
/// </para>
/// </remarks>
public class TfeDataTier : Construct, ITfeDataTier, ITfeDatabaseMetrics, ITfeIamDatabase
{
    private const string S3AccessLogsUseBucketPolicyFlag = "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy";
    private const double BytesPerGiB = 1024d * 1024 * 1024;

    /// <summary>Defines the data tier.</summary>
    /// <param name="scope">The parent construct.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="props">The data tier's properties.</param>
    /// <exception cref="TfeValidationException">The props break one or more rules of the reference architecture.</exception>
    public TfeDataTier(Construct scope, string id, TfeDataTierProps props)
        : base(scope, id)
    {
        Inputs.RefuseNullProps(this, props, RuleIds.Db4);

        // 1. Validate (throws once, listing every violation), then warn.
        var values = TfeDataTierPropsValidator.Read(props);
        TfeDataTierPropsValidator.Check(values).IncludeAll(TfeDataTierPropsValidator.CheckInputs(props, this)).ThrowIfAny(this);
        Warnings.Add(this, TfeDataTierPropsValidator.Advise(values));

        // S3 delivers access logs through a bucket policy, not the legacy LogDeliveryWrite ACL that
        // BucketOwnerEnforced forbids. Pin that behaviour for this subtree, whatever the app's flags say.
        Node.SetContext(S3AccessLogsUseBucketPolicyFlag, true);

        // 2. Resolve defaults.
        var databaseRemoval = props.RemovalPolicy ?? RemovalPolicy.SNAPSHOT;
        var destroy = databaseRemoval == RemovalPolicy.DESTROY;
        var stateRemoval = destroy ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
        DatabaseName = props.DatabaseName ?? Defaults.DatabaseName;
        DatabaseUsername = props.DatabaseUsername ?? Defaults.DatabaseUsername;

        // 3. Children.
        Key = props.EncryptionKey ?? new Key(this, "Key", new KeyProps
        {
            Description = "Terraform Enterprise data tier: RDS storage, database secret, Performance Insights, S3 buckets",
            EnableKeyRotation = true,
            RemovalPolicy = stateRemoval,
            Policy = DataKeyPolicy.Document(Stack.Of(this)),
        });
        KeyPolicyHardening.Apply(Key, grantsForAwsResourcesOnly: props.EncryptionKey is null);
        OwnsKey = props.EncryptionKey is null;

        Database = DefineDatabase(props, databaseRemoval, stateRemoval, destroy);
        DatabaseSecret = Database.Secret!;
        SecretReadPolicy.Restrict(DatabaseSecret);

        DatabaseAuthentication = props.DatabaseAuthentication ?? TfeDatabaseAuthentication.Password;
        if (DatabaseAuthentication == TfeDatabaseAuthentication.Iam)
        {
            IamDatabaseUser = $"{DatabaseUsername}{IamUserSuffix}";
            DatabaseUser = new TfeDatabaseUser(this, "DatabaseUser", props.Network, IamDatabaseUser);
        }

        // S3 server access logging and load balancer access logs cannot write into SSE-KMS buckets.
        AccessLogsBucket = TfeBuckets.AccessLogs(this, "AccessLogsBucket", stateRemoval);
        // No AwsSolutions-S1 suppression needed: cdk-nag counts a bucket that receives other buckets' access logs as compliant.

        Bucket = DataBucket("Bucket", Defaults.ApplicationAccessLogsPrefix, stateRemoval);
        if (props.BackupBucket ?? true)
        {
            BackupBucket = DataBucket("BackupBucket", Defaults.BackupAccessLogsPrefix, stateRemoval);
            var replication = BucketReplication.Configure(
                this, "ReplicationRole", Bucket, BackupBucket, Key, Key, StorageClass.INFREQUENT_ACCESS);
            NagSuppressions.Add(replication.Role.Node.FindChild("DefaultPolicy"), false, new NagSuppressions.Suppression(
                "AwsSolutions-IAM5",
                "S3 replication (S3-5) reads and writes object versions under any key: the object wildcard is scoped to the application and backup buckets only.",
                replication.ObjectWildcardFindings));
            NagSuppressions.Add(replication.Role.Node.FindChild("DefaultPolicy"), false, NagControls.InlinePolicy, TfeNetworkNag.InlinePolicyReason);
        }

        if (props.DatabaseBackupPlan ?? props.DatabaseBackupCopyVault is not null)
        {
            var backup = DatabaseBackup.Define(this, Database, Key, stateRemoval,
                props.DatabaseBackupRetention ?? Duration.Days(Defaults.DatabaseBackupRetentionDays), props.DatabaseBackupCopyVault);
            BackupPlan = backup.Plan;
            BackupVault = backup.Vault;
        }

        // 4. Alarms (OPS-2), then the compliance packs' findings kept on purpose.
        Alarms = DefineAlarms(props);
        TfeDataTierNag.Suppress(this);
    }

    /// <summary>The AWS Backup plan of the database, when <see cref="TfeDataTierOptions.DatabaseBackupPlan"/> is on.</summary>
    public BackupPlan? BackupPlan { get; }

    /// <summary>The vault the backup plan writes to (encrypted with <see cref="Key"/>, retained), when the plan is on.</summary>
    public BackupVault? BackupVault { get; }

    /// <summary>The RDS for PostgreSQL instance (Multi-AZ).</summary>
    public DatabaseInstance Database { get; }

    /// <summary>The Secrets Manager secret with the database's master credentials (username, password, host, port, dbname).</summary>
    public ISecret DatabaseSecret { get; }

    /// <summary>The application bucket TFE stores its objects in (<c>TFE_OBJECT_STORAGE_S3_BUCKET</c>).</summary>
    public Bucket Bucket { get; }

    /// <summary>The backup bucket the application bucket replicates into in Standard-IA (S3-5), or null when disabled.</summary>
    public Bucket? BackupBucket { get; }

    /// <summary>The bucket receiving server access logs of the data buckets (SSE-S3, so load balancer logs can go here too).</summary>
    public Bucket AccessLogsBucket { get; }

    /// <inheritdoc />
    IBucket ITfeDataTier.Bucket => Bucket;

    /// <inheritdoc />
    IBucket ITfeDataTier.AccessLogsBucket => AccessLogsBucket;

    /// <summary>The KMS key encrypting the database, its secret, Performance Insights and the data buckets.</summary>
    public IKey Key { get; }

    /// <summary>Whether <see cref="Key"/> is the library's (with <see cref="DataKeyPolicy"/>), not one the user passed.</summary>
    internal bool OwnsKey { get; }

    /// <summary>The database's network connections: allow the TFE nodes with <c>Connections.AllowDefaultPortFrom(nodes)</c>.</summary>
    public Connections_ Connections => Database.Connections;

    /// <summary>The database endpoint's host name (<c>TFE_DATABASE_HOST</c>), a token until deployment.</summary>
    public string DatabaseEndpointAddress => Database.DbInstanceEndpointAddress;

    /// <summary>The database endpoint's port, as a string token.</summary>
    public string DatabasePort => Database.DbInstanceEndpointPort;

    /// <summary>The name of TFE's database (<c>TFE_DATABASE_NAME</c>).</summary>
    public string DatabaseName { get; }

    /// <summary>The database user TFE connects as (<c>TFE_DATABASE_USER</c>).</summary>
    public string DatabaseUsername { get; }

    /// <summary>How the TFE nodes sign in to PostgreSQL (<see cref="TfeDataTierOptions.DatabaseAuthentication"/>).</summary>
    public TfeDatabaseAuthentication DatabaseAuthentication { get; }

    /// <summary>The IAM-authenticated login role the nodes connect as (<c>&lt;DatabaseUsername&gt;_iam</c>), or null with password authentication.</summary>
    public string? IamDatabaseUser { get; }

    /// <summary>The custom resource that creates <see cref="IamDatabaseUser"/>, or null with password authentication.</summary>
    internal TfeDatabaseUser? DatabaseUser { get; }

    /// <inheritdoc />
    IDependable? ITfeIamDatabase.DatabaseUserReady => DatabaseUser?.Resource;

    /// <summary>The suffix of the IAM login role's name after the master user's.</summary>
    internal const string IamUserSuffix = "_iam";

    /// <summary>The data tier's CloudWatch alarms (OPS-2).</summary>
    public IReadOnlyList<Alarm> Alarms { get; }

    /// <summary>Grants read and write on the application bucket's objects, and encrypt/decrypt with its KMS key.</summary>
    /// <param name="grantee">The principal, typically the TFE nodes' role.</param>
    /// <returns>The bucket's grant; the key grant is added alongside it.</returns>
    public Grant GrantObjectStorageReadWrite(IGrantable grantee) => ObjectStorageGrants.ReadWrite(grantee, Bucket, Key);

    /// <summary>
    /// Grants reading the database secret's value, and decrypting it with the KMS key through Secrets Manager; the secret's
    /// resource policy, which denies reads to everyone else, admits the grantee (docs/security.md).
    /// </summary>
    /// <param name="grantee">The principal, typically the TFE nodes' role.</param>
    /// <returns>The secret's grant; the key grant is added alongside it.</returns>
    /// <exception cref="InvalidOperationException">The grantee is not an IAM role or user, which the secret's policy cannot admit.</exception>
    public Grant GrantReadDatabaseSecret(IGrantable grantee)
    {
        SecretReadPolicy.AllowReader(DatabaseSecret, grantee);
        return DatabaseSecret.GrantRead(grantee);
    }

    /// <summary>
    /// Grants <c>rds-db:connect</c> as <see cref="IamDatabaseUser"/> on this instance only
    /// (<c>arn:&lt;partition&gt;:rds-db:&lt;region&gt;:&lt;account&gt;:dbuser:&lt;DbiResourceId&gt;/&lt;user&gt;</c>).
    /// </summary>
    /// <param name="grantee">The principal, typically the TFE nodes' role.</param>
    /// <exception cref="InvalidOperationException">The data tier uses password authentication.</exception>
    public void GrantConnect(IGrantable grantee)
    {
        var user = IamDatabaseUser ?? throw new InvalidOperationException("GrantConnect needs DatabaseAuthentication = Iam");
        TfeDatabaseConnectGrant.Grant(this, grantee, Database.InstanceResourceId!, user);
    }

    /// <summary>
    /// Grants reading the application bucket's objects, and decrypting them with the KMS key: for a backup or audit tool
    /// that copies TFE's object storage out, which must never write or delete in it.
    /// </summary>
    /// <param name="grantee">The principal, for example a backup job's role.</param>
    /// <returns>The bucket's grant; the key grant is added alongside it.</returns>
    public Grant GrantObjectStorageRead(IGrantable grantee) => ObjectStorageGrants.Read(grantee, Bucket, Key);

    /// <inheritdoc />
    public IMetric MetricCpuUtilization(MetricOptions? options = null) => Database.MetricCPUUtilization(RdsDefaults(options));

    /// <inheritdoc />
    public IMetric MetricDatabaseConnections(MetricOptions? options = null) => Database.MetricDatabaseConnections(RdsDefaults(options));

    /// <inheritdoc />
    public IMetric MetricFreeStorageSpace(MetricOptions? options = null) => Database.MetricFreeStorageSpace(RdsDefaults(options));

    /// <inheritdoc />
    public IMetric MetricFreeableMemory(MetricOptions? options = null) => Database.MetricFreeableMemory(RdsDefaults(options));

    /// <inheritdoc />
    public IMetric MetricReadLatency(MetricOptions? options = null) => Database.Metric("ReadLatency", RdsDefaults(options));

    /// <inheritdoc />
    public IMetric MetricWriteLatency(MetricOptions? options = null) => Database.Metric("WriteLatency", RdsDefaults(options));

    /// <summary>
    /// Refers to a data tier defined elsewhere (another stack or app in the same region), so a <see cref="TfeAppTier"/> can be
    /// wired to it.
    /// </summary>
    /// <param name="scope">The scope the imported resources (secret, bucket, key, security group) are referenced in.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="attributes">The data tier's endpoint, secret, bucket, key and security group.</param>
    /// <returns>The imported data tier.</returns>
    /// <exception cref="TfeValidationException">A required attribute is missing or two exclusive ones are given (DB-4).</exception>
    public static ITfeDataTier FromDataTierAttributes(Construct scope, string id, TfeDataTierAttributes attributes) =>
        new ImportedTfeDataTier(scope, id, attributes);

    private static MetricOptions RdsDefaults(MetricOptions? options) =>
        TierMetrics.WithDefaults(options, Stats.AVERAGE, Duration.Minutes(Defaults.DatabaseAlarmPeriodMinutes));

    private DatabaseInstance DefineDatabase(TfeDataTierProps props, RemovalPolicy removal, RemovalPolicy stateRemoval, bool destroy)
    {
        var engine = TfeDatabaseParts.Engine(props.DatabaseEngineVersion);
        var securityGroup = TfeDatabaseParts.SecurityGroup(this, props.Network.Vpc, "TFE PostgreSQL");
        var parameters = TfeDatabaseParts.TlsParameters(this, engine, "TFE PostgreSQL");

        var database = new DatabaseInstance(this, "Database", new DatabaseInstanceProps
        {
            Engine = engine,
            InstanceType = props.DatabaseInstanceType ?? new InstanceType(Defaults.DatabaseInstanceType),
            Vpc = props.Network.Vpc,
            VpcSubnets = props.Network.DataSubnets,
            SecurityGroups = [securityGroup],
            MultiAz = true,
            PubliclyAccessible = false,
            StorageType = StorageType.GP3,
            AllocatedStorage = props.DatabaseAllocatedStorageGiB ?? Defaults.DatabaseAllocatedStorageGiB,
            MaxAllocatedStorage = props.DatabaseMaxAllocatedStorageGiB ?? Defaults.DatabaseMaxAllocatedStorageGiB,
            StorageEncrypted = true,
            StorageEncryptionKey = Key,
            Credentials = Credentials.FromGeneratedSecret(DatabaseUsername, new CredentialsBaseOptions { EncryptionKey = Key }),
            DatabaseName = DatabaseName,
            ParameterGroup = parameters,
            BackupRetention = props.DatabaseBackupRetention ?? Duration.Days(Defaults.DatabaseBackupRetentionDays),
            DeleteAutomatedBackups = false,
            CopyTagsToSnapshot = true,
            DeletionProtection = props.DeletionProtection ?? !destroy,
            RemovalPolicy = removal,
            AutoMinorVersionUpgrade = false,
            AllowMajorVersionUpgrade = false,
            CloudwatchLogsExports = ["postgresql", "upgrade"],
            MonitoringInterval = Duration.Seconds(Defaults.DatabaseMonitoringIntervalSeconds),
            EnablePerformanceInsights = true,
            PerformanceInsightEncryptionKey = Key,
            IamAuthentication = props.DatabaseAuthentication == TfeDatabaseAuthentication.Iam ? true : null,
        });

        if (!(props.DeletionProtection ?? !destroy))
        {
            NagSuppressions.Add(database, false, NagControls.RdsDeletionProtection,
                "Deletion protection is off because the user chose it explicitly (RemovalPolicy.DESTROY or DeletionProtection = false) for a non-production deployment; the construct warns (@tfe/cdk:destroyState or @tfe/cdk:noDeletionProtection).");
        }

        NagSuppressions.Add(database, false, new NagSuppressions.Suppression(
            "AwsSolutions-RDS11",
            "TFE reaches PostgreSQL on its default port 5432 (TFE_DATABASE_HOST carries host:port); access is limited by the security group to the TFE nodes, so a non-default port adds no protection."));

        // The generated secret (defined by the instance as "Secret") holds the only copy of the master password.
        var secret = database.Node.FindChild("Secret");
        ((CfnResource)secret.Node.DefaultChild!).ApplyRemovalPolicy(stateRemoval);
        NagSuppressions.Add(secret, false, NagControls.SecretsRotation,
            "No automatic rotation: TFE reads the database password at start, so rotating the master password under running TFE nodes breaks them until they restart. Rotate with a planned TFE restart.");

        if (database.Node.TryFindChild("MonitoringRole") is { } monitoringRole)
        {
            ConfusedDeputy.LimitToAccount(monitoringRole);
            NagSuppressions.Add(monitoringRole, false, new NagSuppressions.Suppression(
                "AwsSolutions-IAM4",
                "RDS enhanced monitoring (OPS-2) uses the AWS managed policy made for it, which only writes the RDSOSMetrics log group.",
                ["Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"]));
        }

        return database;
    }

    private Bucket DataBucket(string id, string logsPrefix, RemovalPolicy removal) =>
        TfeBuckets.Data(this, id, Key, AccessLogsBucket, logsPrefix, removal);

    private Alarm[] DefineAlarms(TfeDataTierProps props)
    {
        var topic = AlarmTopics.OrNew(this, props.AlarmTopic);
        var periods = Defaults.DatabaseAlarmEvaluationPeriods;
        return
        [
            TierAlarms.Create(this, "DatabaseCpuAlarm", MetricCpuUtilization(),
                Defaults.DatabaseCpuAlarmPercent, ComparisonOperator.GREATER_THAN_THRESHOLD,
                $"TFE PostgreSQL CPU above {Defaults.DatabaseCpuAlarmPercent}% for 15 minutes. Look at Performance Insights (top SQL, waits) and the run load; consider the scaled size (8 vCPU, 32 GiB, DB-2).",
                topic, periods),
            TierAlarms.Create(this, "DatabaseFreeStorageAlarm", MetricFreeStorageSpace(),
                Defaults.DatabaseFreeStorageAlarmGiB * BytesPerGiB, ComparisonOperator.LESS_THAN_THRESHOLD,
                $"TFE PostgreSQL free storage below {Defaults.DatabaseFreeStorageAlarmGiB} GiB. Storage autoscaling stops at DatabaseMaxAllocatedStorageGiB: raise it, and check table and WAL growth.",
                topic, periods),
            TierAlarms.Create(this, "DatabaseFreeableMemoryAlarm", MetricFreeableMemory(),
                Defaults.DatabaseFreeableMemoryAlarmGiB * BytesPerGiB, ComparisonOperator.LESS_THAN_THRESHOLD,
                $"TFE PostgreSQL freeable memory below {Defaults.DatabaseFreeableMemoryAlarmGiB} GiB. Check connection count and enhanced monitoring (process list); consider a larger instance class.",
                topic, periods),
            TierAlarms.Create(this, "DatabaseReadLatencyAlarm", MetricReadLatency(),
                Defaults.DatabaseLatencyAlarmSeconds, ComparisonOperator.GREATER_THAN_THRESHOLD,
                $"TFE PostgreSQL read latency above {Defaults.DatabaseLatencyAlarmSeconds * 1000} ms. Check ReadIOPS against the gp3 baseline, memory pressure (cache misses) and Performance Insights.",
                topic, periods),
            TierAlarms.Create(this, "DatabaseWriteLatencyAlarm", MetricWriteLatency(),
                Defaults.DatabaseLatencyAlarmSeconds, ComparisonOperator.GREATER_THAN_THRESHOLD,
                $"TFE PostgreSQL write latency above {Defaults.DatabaseLatencyAlarmSeconds * 1000} ms. Check WriteIOPS and throughput against the gp3 baseline, and long-running transactions in Performance Insights.",
                topic, periods),
        ];
    }
}
