namespace Tfe.Cdk.Constructs;

/// <summary>
/// Every default value of the library, in one place. The README's "Default settings" mirror this file.
/// </summary>
internal static class Defaults
{
    // Network
    public const string VpcCidr = "10.0.0.0/16";
    public const int MaxAzs = 3;

    // App tier
    public const string InstanceType = "m5.xlarge";
    public const int MinRootVolumeSizeGiB = 50;
    public const int RootVolumeSizeGiB = 50;
    /// <summary>
    /// A release of the newest line the library supports end to end (2.0.x; 2.1.x is in the table but its notes could not be
    /// read). 2.0.1 fixes 2.0.0's known issues (database monitoring, Stacks on Kubernetes) and reports a draining node's
    /// task worker as DRAINING. From 2.0 only the readiness endpoint answers (<c>/_health_check</c> is 410), which the
    /// library already uses from 1.2. See docs/versions.md.
    /// </summary>
    public const string TfeVersion = "2.0.1";
    public const string TfeImageRepository = "images.releases.hashicorp.com/hashicorp/terraform-enterprise";
    public const int ActiveActiveNodeCount = 2;
    public const int MaxActiveActiveNodes = 5;
    public const int EncryptionPasswordLength = 48;
    public const string DrainHookName = "tfe-drain";

    // Node lifecycle: every duration derives from BootTimeout (docs/node-lifecycle.md, "Timing").
    /// <summary>CloudFormation's AutoScalingRollingUpdate PauseTime is at most one hour (PT1H); PauseTime = BootTimeout.</summary>
    public const int MaxBootTimeoutSeconds = 3600;
    /// <summary>The default BootTimeout: the longest CloudFormation allows, so a replacement can wait out the old nodes' drain.</summary>
    public const int BootTimeoutSeconds = MaxBootTimeoutSeconds;
    /// <summary>The node gives up this long before CloudFormation does, so its failure signal always arrives first.</summary>
    public const int SignalMarginSeconds = 300;
    /// <summary>What a node needs after the boot gate opens: start TFE (migrating a fresh or upgraded database) and report healthy.</summary>
    public const int MinNodeStartSeconds = 900;
    /// <summary>The shortest BootTimeout: the signal margin plus one node start.</summary>
    public const int MinBootTimeoutSeconds = SignalMarginSeconds + MinNodeStartSeconds;
    /// <summary>Every wait loop of the node script sleeps this long between tries.</summary>
    public const int PollSeconds = 15;
    public const int DrainTimeoutSeconds = 1800;
    public const int MinDrainTimeoutSeconds = 300;
    /// <summary>
    /// The longest drain a replacement can wait out inside one BootTimeout: the whole group is replaced at once, the new
    /// nodes wait in the boot gate while the old ones drain, and then still need <see cref="MinNodeStartSeconds"/>.
    /// </summary>
    public const int MaxDrainTimeoutSeconds = MaxBootTimeoutSeconds - SignalMarginSeconds - MinNodeStartSeconds;

    // Node runtime
    /// <summary>The Docker bridge network (and its host interface name, at most 15 characters) that TFE's run containers use.</summary>
    public const string RunNetworkName = "tfe-runs";
    /// <summary>
    /// The oldest Docker Engine the node accepts (TFE has required Docker Engine 20.10 or later since v202111-1; see
    /// docs/node-lifecycle.md, "Docker Engine").
    /// </summary>
    public const int MinDockerEngineMajor = 20;
    public const int MinDockerEngineMinor = 10;
    /// <summary>The awslogs driver's buffer in non-blocking mode: lines beyond it are dropped rather than stalling TFE.</summary>
    public const string LogMaxBufferSize = "4m";
    /// <summary>TFE_IACT_TIME_LIMIT bounds, in minutes: TFE's default is 60; a day at most keeps the bootstrap credential short-lived.</summary>
    public const int MinIactTimeLimitMinutes = 1;
    public const int MaxIactTimeLimitMinutes = 1440;

    // Redis
    /// <summary>REDIS-6: start around cache.m5.large.</summary>
    public const string RedisNodeType = "cache.m5.large";
    /// <summary>REDIS-8 (dated): an exact version every release line in <see cref="TfeReleaseSupport"/> supports; HashiCorp recommends Redis 7.</summary>
    public static TfeRedisVersion RedisEngineVersion => TfeRedisVersion.V7_1;
    public const int RedisPort = 6379;
    /// <summary>A replication group without cluster mode holds a primary and at most 5 replicas.</summary>
    public const int RedisMaxNodes = 6;
    /// <summary>ElastiCache AUTH tokens are 16 to 128 printable characters; letters and digits only, to be safe.</summary>
    public const int RedisAuthTokenLength = 64;
    public const string RedisDescription = "Terraform Enterprise Active/Active memory cache (shared work queue)";
    /// <summary>Redis runs commands on one thread: EngineCPUUtilization is that thread; AWS suggests alarming near 90%.</summary>
    public const double RedisEngineCpuAlarmPercent = 90;
    public const double RedisMemoryAlarmPercent = 80;
    public const double RedisReplicationLagAlarmSeconds = 30;
    public const double RedisEvictionsAlarmCount = 0;
    public const double RedisConnectionsAlarmCount = 1000;
    public const int RedisMetricPeriodMinutes = 5;

    // Data tier
    /// <summary>The database instance type without the <c>db.</c> prefix: the current-generation match of db.m4.xlarge (DB-2).</summary>
    public const string DatabaseInstanceType = "m6i.xlarge";
    public const int DatabaseMinVCpus = 4;
    public const double DatabaseMinMemoryGiB = 16;
    /// <summary>PostgreSQL 16 is supported by every release line in <see cref="TfeReleaseSupport"/>; 16.13 is the newest 16.x cfn-lint knows.</summary>
    public const string PostgresFullVersion = "16.13";
    public const string PostgresMajorVersion = "16";

    /// <summary>PostgreSQL majors some TFE release supports (the union of <see cref="TfeReleaseSupport"/>); the topologies check the release's own list.</summary>
    public static IReadOnlyList<string> SupportedPostgresMajorVersions => TfeReleaseSupport.AllPostgresMajors;

    /// <summary>PostgreSQL 14.0 to 14.3 have a defect that TFE's requirements exclude.</summary>
    public static readonly IReadOnlyList<string> UnsupportedPostgresVersions = ["14.0", "14.1", "14.2", "14.3"];
    public const int DatabaseAllocatedStorageGiB = 50;
    public const int DatabaseMaxAllocatedStorageGiB = 500;
    public const int RdsMaxStorageGiB = 65536;
    public const int DatabaseBackupRetentionDays = 35;
    /// <summary>AWS Backup plan (opt-in): daily at 05:00 UTC, outside RDS's default backup window's typical hours, done within 8 hours.</summary>
    public const string DatabaseBackupPlanHourUtc = "5";
    public const int DatabaseBackupPlanCompletionHours = 8;
    public const int RdsMaxBackupRetentionDays = 35;
    public const string DatabaseName = "tfe";
    public const string DatabaseUsername = "tfe";
    public const int PostgresIdentifierMaxLength = 63;
    public const int DatabaseMonitoringIntervalSeconds = 60;
    public const int AbortIncompleteMultipartUploadDays = 7;
    public const int AccessLogsExpirationDays = 365;
    public const string ApplicationAccessLogsPrefix = "s3/application/";
    public const string BackupAccessLogsPrefix = "s3/backup/";
    public const double DatabaseCpuAlarmPercent = 80;
    public const double DatabaseFreeStorageAlarmGiB = 10;
    public const double DatabaseFreeableMemoryAlarmGiB = 1;
    public const double DatabaseLatencyAlarmSeconds = 0.05;
    public const int DatabaseAlarmPeriodMinutes = 5;
    public const int DatabaseAlarmEvaluationPeriods = 3;
}
