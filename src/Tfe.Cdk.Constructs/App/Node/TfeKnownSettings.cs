namespace Tfe.Cdk.Constructs;

/// <summary>The kind of value a TFE setting takes.</summary>
internal enum TfeSettingKind
{
    Text,
    Integer,
    Boolean,
}

/// <summary>
/// The <c>TFE_*</c> settings of the Terraform Enterprise configuration reference (Flexible Deployment Options, 1.x:
/// developer.hashicorp.com/terraform/enterprise/deploy/reference/configuration) that a Docker deployment on EC2 with S3,
/// PostgreSQL and (active/active) Redis can use, with the kind of value each takes. A name outside this list is refused:
/// TFE ignores unknown settings silently, so a misspelled name would otherwise do nothing.
/// </summary>
internal static class TfeKnownSettings
{
    /// <summary>Every known setting and its kind.</summary>
    public static readonly IReadOnlyDictionary<string, TfeSettingKind> All = Build();

    private static Dictionary<string, TfeSettingKind> Build()
    {
        var integers = new[]
        {
            "TFE_CAPACITY_CONCURRENCY", "TFE_CAPACITY_CPU", "TFE_CAPACITY_MEMORY", "TFE_HTTP_PORT", "TFE_HTTPS_PORT",
            "TFE_ADMIN_HTTPS_PORT", "TFE_IACT_TIME_LIMIT", "TFE_METRICS_HTTP_PORT", "TFE_METRICS_HTTPS_PORT",
            "TFE_DATABASE_MONITOR_INTERVAL", "TFE_VAULT_TOKEN_RENEW",
        };
        var booleans = new[]
        {
            "TFE_LICENSE_REPORTING_OPT_OUT", "TFE_USAGE_REPORTING_OPT_OUT", "TFE_METRICS_ENABLE", "TFE_LOG_FORWARDING_ENABLED",
            "TFE_TLS_ENFORCE", "TFE_VAULT_DISABLE_MLOCK", "TFE_VAULT_USE_EXTERNAL", "TFE_IPV6_ENABLED", "TFE_ADMIN_CONSOLE_DISABLED",
            "TFE_DATABASE_USE_MTLS", "TFE_DATABASE_RECONNECT_ENABLED", "TFE_DATABASE_MONITOR_ENABLED",
            "TFE_DATABASE_PASSWORDLESS_AWS_USE_INSTANCE_PROFILE", "TFE_OBJECT_STORAGE_S3_USE_INSTANCE_PROFILE",
            "TFE_REDIS_USE_TLS", "TFE_REDIS_USE_AUTH", "TFE_REDIS_USE_MTLS", "TFE_REDIS_PASSWORDLESS_AWS_USE_INSTANCE_PROFILE",
            "TFE_REDIS_SENTINEL_ENABLED", "TFE_RUN_PIPELINE_DOCKER_DISABLE_HOST_NETWORK",
        };
        var texts = new[]
        {
            // Application
            "TFE_HOSTNAME", "TFE_HOSTNAME_SECONDARY", "TFE_OPERATIONAL_MODE", "TFE_ENCRYPTION_PASSWORD", "TFE_LICENSE", "TFE_LICENSE_PATH",
            "TFE_IACT_SUBNETS", "TFE_IACT_TRUSTED_PROXIES", "TFE_IACT_TOKEN", "TFE_BACKUP_RESTORE_TOKEN", "TFE_NODE_ID",
            "TFE_OIDC_HOSTNAME_CHOICE", "TFE_VCS_HOSTNAME_CHOICE", "TFE_RUN_TASK_HOSTNAME_CHOICE", "TFE_LOG_LEVEL",
            "TFE_LOG_FORWARDING_CONFIG_PATH", "TFE_DISK_CACHE_PATH", "TFE_DISK_CACHE_VOLUME_NAME",

            // Run pipeline
            "TFE_RUN_PIPELINE_DRIVER", "TFE_RUN_PIPELINE_IMAGE", "TFE_RUN_PIPELINE_DOCKER_EXTRA_HOSTS", "TFE_RUN_PIPELINE_DOCKER_NETWORK",

            // TLS
            "TFE_TLS_CERT_FILE", "TFE_TLS_KEY_FILE", "TFE_TLS_CA_BUNDLE_FILE", "TFE_TLS_CERT_FILE_SECONDARY", "TFE_TLS_KEY_FILE_SECONDARY",
            "TFE_TLS_CIPHERS", "TFE_TLS_VERSION",

            // Database
            "TFE_DATABASE_HOST", "TFE_DATABASE_NAME", "TFE_DATABASE_USER", "TFE_DATABASE_PASSWORD", "TFE_DATABASE_PARAMETERS",
            "TFE_DATABASE_CA_CERT_FILE", "TFE_DATABASE_CLIENT_CERT_FILE", "TFE_DATABASE_CLIENT_KEY_FILE",
            "TFE_DATABASE_PASSWORDLESS_AWS_REGION",

            // Object storage (S3)
            "TFE_OBJECT_STORAGE_TYPE", "TFE_OBJECT_STORAGE_S3_BUCKET", "TFE_OBJECT_STORAGE_S3_REGION", "TFE_OBJECT_STORAGE_S3_ENDPOINT",
            "TFE_OBJECT_STORAGE_S3_ACCESS_KEY_ID", "TFE_OBJECT_STORAGE_S3_SECRET_ACCESS_KEY",
            "TFE_OBJECT_STORAGE_S3_SERVER_SIDE_ENCRYPTION", "TFE_OBJECT_STORAGE_S3_SERVER_SIDE_ENCRYPTION_KMS_KEY_ID",

            // Redis
            "TFE_REDIS_HOST", "TFE_REDIS_USER", "TFE_REDIS_PASSWORD", "TFE_REDIS_CA_CERT_PATH", "TFE_REDIS_CLIENT_CERT_PATH",
            "TFE_REDIS_CLIENT_KEY_PATH", "TFE_REDIS_PASSWORDLESS_AWS_REGION", "TFE_REDIS_PASSWORDLESS_AWS_HOST_NAME",
            "TFE_REDIS_SENTINEL_HOSTS", "TFE_REDIS_SENTINEL_LEADER_NAME", "TFE_REDIS_SENTINEL_USERNAME", "TFE_REDIS_SENTINEL_PASSWORD",

            // Vault
            "TFE_VAULT_CLUSTER_ADDRESS", "TFE_VAULT_ADDRESS", "TFE_VAULT_NAMESPACE", "TFE_VAULT_PATH", "TFE_VAULT_ROLE_ID",
            "TFE_VAULT_SECRET_ID",
        };
        var all = new Dictionary<string, TfeSettingKind>(StringComparer.Ordinal);
        foreach (var name in texts)
        {
            all[name] = TfeSettingKind.Text;
        }

        foreach (var name in integers)
        {
            all[name] = TfeSettingKind.Integer;
        }

        foreach (var name in booleans)
        {
            all[name] = TfeSettingKind.Boolean;
        }

        return all;
    }

    /// <summary>The proxy variables a node passes to TFE (lower case, as TFE reads them).</summary>
    public static readonly IReadOnlySet<string> ProxyVariables = new HashSet<string>(StringComparer.Ordinal) { "http_proxy", "https_proxy", "no_proxy" };

    /// <summary>The spellings Go's <c>strconv.ParseBool</c> accepts, which TFE uses for its boolean settings.</summary>
    public static readonly IReadOnlySet<string> BooleanValues = new HashSet<string>(StringComparer.Ordinal)
    {
        "1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False",
    };
}
