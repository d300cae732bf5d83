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
    public const string TfeVersion = "1.0.3";
    public const string TfeImageRepository = "images.releases.hashicorp.com/hashicorp/terraform-enterprise";
    public const int ActiveActiveNodeCount = 2;
    public const int MaxActiveActiveNodes = 5;
    public const int BootTimeoutMinutes = 30;
    public const int HealthCheckGraceMinutes = 15;
    public const int EncryptionPasswordLength = 48;
    public const int DrainTimeoutSeconds = 3600;
    public const int MinDrainTimeoutSeconds = 300;
    public const int MaxDrainTimeoutSeconds = 7200;
    public const string DrainHookName = "tfe-drain";

    // Redis
    /// <summary>REDIS-6: start around cache.m5.large.</summary>
    public const string RedisNodeType = "cache.m5.large";
    /// <summary>REDIS-8: 5.0 recommended, exact version pinned.</summary>
    public static TfeRedisVersion RedisEngineVersion => TfeRedisVersion.V5_0_6;
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
    public const string PostgresFullVersion = "16.13";
    public const string PostgresMajorVersion = "16";

    /// <summary>PostgreSQL majors TFE supports (developer.hashicorp.com/terraform/enterprise/requirements/data-storage/postgres-requirements: 13.x, 14.4 and up, 15.x, 16.x, 17.x).</summary>
    public static readonly IReadOnlyList<string> SupportedPostgresMajorVersions = ["13", "14", "15", "16", "17"];

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
