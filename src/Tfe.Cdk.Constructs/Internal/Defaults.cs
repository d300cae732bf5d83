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
}
