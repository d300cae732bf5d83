namespace Tfe.Cdk.Constructs;

/// <summary>A setting whose value is read from Secrets Manager on the node at boot; only its ARN is rendered.</summary>
/// <param name="Name">The environment variable, for example <c>TFE_DATABASE_PASSWORD</c>.</param>
/// <param name="SecretArn">The secret's ARN (a token until deployment).</param>
/// <param name="JsonField">The field of a JSON secret to read, or null for the whole secret string.</param>
internal sealed record SecretSetting(string Name, string SecretArn, string? JsonField = null);

/// <summary>
/// The whole configuration of one TFE node as data: the non-secret <c>TFE_*</c> settings (rendered into the user data)
/// and the secret ones (fetched at boot), plus what the bootstrap script needs around them.
/// </summary>
internal sealed record TfeNodeConfiguration
{
    public required string Region { get; init; }
    public required string StackName { get; init; }
    public required string SignalResource { get; init; }

    /// <summary>The logical id of the resource whose <c>AWS::CloudFormation::Init</c> metadata holds the node's files.</summary>
    public required string InitResource { get; init; }
    public required string Image { get; init; }
    public required string HealthPath { get; init; }
    public required string LogGroupName { get; init; }
    public required string LicenseSecretArn { get; init; }
    public required IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; }
    public required IReadOnlyList<SecretSetting> Secrets { get; init; }
    public required string Hostname { get; init; }

    /// <summary>The node certificate secret; null for a self-signed certificate generated at boot.</summary>
    public string? TlsSecretArn { get; init; }

    /// <summary>The target group a node registers its own IP with (internal NLB); null when the ASG registers instances.</summary>
    public string? TargetGroupArn { get; init; }

    /// <summary>Active/active: publish Vault's cluster port and set <c>TFE_VAULT_CLUSTER_ADDRESS</c> from the node's IP.</summary>
    public bool VaultCluster { get; init; }

    /// <summary>Active/active: the termination lifecycle hook the node drains itself for (OPS-3); null for none.</summary>
    public DrainHook? Drain { get; init; }

    /// <summary>The secret holding extra CA certificates (PEM) for <c>TFE_TLS_CA_BUNDLE_FILE</c>; null for none.</summary>
    public string? CaBundleSecretArn { get; init; }

    /// <summary>The secret of the first admin the node creates at boot (<c>InitialAdmin</c>); null for none.</summary>
    public string? InitialAdminSecretArn { get; init; }

    /// <summary>Docker's addresses on the node and what its run containers may not reach (NET-1, docs/node-lifecycle.md).</summary>
    public TfeNodeNetwork Network { get; init; } = TfeNodeNetwork.Default;

    /// <summary>Every wait loop of the script sleeps this many seconds between tries.</summary>
    public int PollSeconds { get; init; } = Defaults.PollSeconds;

    /// <summary>
    /// The Docker Engine versions the node must accept: the release line's range from <see cref="TfeReleaseSupport"/>
    /// (for example 23.0 to 26.1), or only a floor for a release outside the table. The script renders it as
    /// <c>MIN_DOCKER_MAJOR</c>/<c>MIN_DOCKER_MINOR</c> and, when <see cref="DockerEngineRange.MaxMajor"/> is set,
    /// <c>MAX_DOCKER_MAJOR</c>/<c>MAX_DOCKER_MINOR</c> (docs/versions.md, "Docker Engine").
    /// </summary>
    public DockerEngineRange DockerEngine { get; init; } = DockerEngineRange.Unknown;

    /// <summary>TFE's metrics (<see cref="TfeNodeMetrics"/>): the log group the CloudWatch agent writes to; null when off.</summary>
    public string? MetricsLogGroupName { get; init; }

    /// <summary>
    /// TFE's log forwarding (<see cref="TfeNodeLogForwarding"/>): the Fluent Bit <c>[OUTPUT]</c> section the node writes and
    /// mounts into the container, its instance id still <see cref="TfeNodeLogForwarding.InstanceIdMarker"/>; null when off.
    /// </summary>
    public string? LogForwardingConfig { get; init; }

    /// <summary>A DR pair's primary: the fail-back fence read before TFE starts (DR-5, tfe-fence.sh); null for none.</summary>
    public TfeNodeFence? Fence { get; init; }

    /// <summary>How the node logs in to the image's registry (<see cref="TfeImageSource"/>): the license, ECR, or a secret.</summary>
    public TfeImageLogin RegistryLogin { get; init; } = TfeImageLogin.HashiCorp;

    /// <summary>ECR: the repository's region, which <c>aws ecr get-login-password</c> asks for the token; null otherwise.</summary>
    public string? RegistryRegion { get; init; }

    /// <summary>Another registry: the secret of its username and password (<c>{"username", "password"}</c>); null otherwise.</summary>
    public string? RegistrySecretArn { get; init; }
}

/// <summary>The values of the data tier (and Redis) that a node's settings name; tokens until deployment.</summary>
/// <param name="DatabaseHost">PostgreSQL's <c>host:port</c>.</param>
/// <param name="DatabaseName">The database's name.</param>
/// <param name="DatabaseUser">The database user.</param>
/// <param name="BucketName">The object storage bucket.</param>
/// <param name="KeyArn">The KMS key of the bucket's server-side encryption.</param>
/// <param name="RedisHost">Redis's <c>host:port</c>, or null without Redis (external mode).</param>
/// <param name="RedisIam">With IAM authentication to Redis, the user and replication group TFE signs its token for; else null.</param>
internal sealed record TfeNodeEndpoints(string DatabaseHost, string DatabaseName, string DatabaseUser, string BucketName, string KeyArn, string? RedisHost,
    TfeRedisIamLogin? RedisIam = null)
{
    /// <summary>Whether the nodes sign in to PostgreSQL with RDS IAM authentication as <see cref="DatabaseUser"/> (no password).</summary>
    public bool PasswordlessDatabase { get; init; }

    /// <summary>The endpoints of a data tier and an optional Redis.</summary>
    public static TfeNodeEndpoints Of(ITfeDataTier data, ITfeRedis? redis) => new(
        $"{data.DatabaseEndpointAddress}:{data.DatabasePort}",
        data.DatabaseName,
        IamUser(data) ?? data.DatabaseUsername,
        data.Bucket.BucketName,
        data.Key.KeyArn,
        redis is null ? null : $"{redis.EndpointAddress}:{redis.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        TfeRedisIamLogin.Of(redis))
    {
        PasswordlessDatabase = IamUser(data) is not null,
    };

    /// <summary>The IAM-authenticated login role of a data tier that has one, else null.</summary>
    public static string? IamUser(ITfeDataTier data) => (data as ITfeIamDatabase)?.IamDatabaseUser;
}

/// <summary>The termination lifecycle hook a node watches for, and how long its drain may take.</summary>
/// <param name="HookName">The lifecycle hook's name.</param>
/// <param name="TimeoutSeconds">The longest a drain may take before the node is released anyway.</param>
internal sealed record DrainHook(string HookName, int TimeoutSeconds);

/// <summary>Builds the <c>TFE_*</c> settings of a node (anchors §2) from the tiers' outputs.</summary>
internal static class TfeNodeSettings
{
    public const int ContainerHttpPort = 8080;
    public const int ContainerHttpsPort = 8443;
    public const int AdminHttpsPort = 9443;
    public const int VaultClusterPort = 8201;
    public const string TlsDirectory = "/etc/ssl/private/terraform-enterprise";

    /// <summary>Where the node's secret files (the license, <c>secrets.env</c>) are mounted, read-only, in the container.</summary>
    public const string SecretsDirectory = "/etc/tfe-secrets";

    /// <summary>The license file TFE reads (<c>TFE_LICENSE_PATH</c>): the license never is in TFE's environment.</summary>
    public const string LicensePath = SecretsDirectory + "/license";
    public const string DiskCachePath = "/var/cache/tfe-task-worker";
    public const string DiskCacheVolume = "terraform-enterprise-cache";

    /// <summary>The Docker bridge network of TFE's run containers; instance metadata is blocked for it (runs cannot take the node's role).</summary>
    public const string RunNetwork = Defaults.RunNetworkName;

    /// <summary>Every setting the library sets itself; <c>AdditionalSettings</c> may not override them.</summary>
    public static readonly IReadOnlySet<string> ManagedKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "TFE_HOSTNAME", "TFE_OPERATIONAL_MODE", "TFE_LICENSE", "TFE_LICENSE_PATH", "TFE_ENCRYPTION_PASSWORD",
        "TFE_TLS_CERT_FILE", "TFE_TLS_KEY_FILE", "TFE_TLS_CA_BUNDLE_FILE",
        "TFE_DATABASE_HOST", "TFE_DATABASE_NAME", "TFE_DATABASE_USER", "TFE_DATABASE_PASSWORD", "TFE_DATABASE_PARAMETERS",
        "TFE_OBJECT_STORAGE_TYPE", "TFE_OBJECT_STORAGE_S3_BUCKET", "TFE_OBJECT_STORAGE_S3_REGION",
        "TFE_OBJECT_STORAGE_S3_USE_INSTANCE_PROFILE", "TFE_OBJECT_STORAGE_S3_SERVER_SIDE_ENCRYPTION",
        "TFE_OBJECT_STORAGE_S3_SERVER_SIDE_ENCRYPTION_KMS_KEY_ID",
        "TFE_RUN_PIPELINE_DRIVER", "TFE_RUN_PIPELINE_DOCKER_NETWORK", "TFE_RUN_PIPELINE_DOCKER_EXTRA_HOSTS", "TFE_DISK_CACHE_PATH", "TFE_DISK_CACHE_VOLUME_NAME",
        "TFE_IACT_SUBNETS", "TFE_IACT_TIME_LIMIT",
        "TFE_HTTP_PORT", "TFE_HTTPS_PORT", "TFE_ADMIN_HTTPS_PORT",
        "TFE_REDIS_HOST", "TFE_REDIS_USE_TLS", "TFE_REDIS_USE_AUTH", "TFE_REDIS_PASSWORD", "TFE_VAULT_CLUSTER_ADDRESS",
        "TFE_REDIS_USER", "TFE_REDIS_PASSWORDLESS_AWS_USE_INSTANCE_PROFILE", "TFE_REDIS_PASSWORDLESS_AWS_REGION", "TFE_REDIS_PASSWORDLESS_AWS_HOST_NAME",
        "TFE_METRICS_ENABLE", "TFE_METRICS_HTTP_PORT", "TFE_METRICS_HTTPS_PORT",
        "TFE_LOG_FORWARDING_ENABLED", "TFE_LOG_FORWARDING_CONFIG_PATH",
        "TFE_DATABASE_PASSWORDLESS_AWS_USE_INSTANCE_PROFILE", "TFE_DATABASE_PASSWORDLESS_AWS_REGION",
    };

    /// <summary>The non-secret settings, in a stable order (so an unchanged configuration renders the same user data).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Build(
        string hostname,
        TfeOperationalMode mode,
        ITfeDataTier data,
        ITfeRedis? redis,
        string region,
        IReadOnlyDictionary<string, string>? additional,
        IReadOnlyList<string>? iactSubnets = null,
        int? iactTimeLimitMinutes = null) =>
        Build(hostname, mode, TfeNodeEndpoints.Of(data, redis), region, additional, iactSubnets, iactTimeLimitMinutes);

    /// <summary>The non-secret settings from the endpoints' values (the bootstrap harness passes literal ones).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Build(
        string hostname,
        TfeOperationalMode mode,
        TfeNodeEndpoints endpoints,
        string region,
        IReadOnlyDictionary<string, string>? additional,
        IReadOnlyList<string>? iactSubnets = null,
        int? iactTimeLimitMinutes = null)
    {
        var settings = new List<KeyValuePair<string, string>>
        {
            new("TFE_HOSTNAME", hostname),
            new("TFE_OPERATIONAL_MODE", mode == TfeOperationalMode.ActiveActive ? "active-active" : "external"),
            new("TFE_LICENSE_PATH", LicensePath),
            new("TFE_TLS_CERT_FILE", TlsDirectory + "/cert.pem"),
            new("TFE_TLS_KEY_FILE", TlsDirectory + "/key.pem"),
            new("TFE_TLS_CA_BUNDLE_FILE", TlsDirectory + "/bundle.pem"),
            new("TFE_DATABASE_HOST", endpoints.DatabaseHost),
            new("TFE_DATABASE_NAME", endpoints.DatabaseName),
            new("TFE_DATABASE_USER", endpoints.DatabaseUser),
            new("TFE_DATABASE_PARAMETERS", "sslmode=require"),
            new("TFE_OBJECT_STORAGE_TYPE", "s3"),
            new("TFE_OBJECT_STORAGE_S3_BUCKET", endpoints.BucketName),
            new("TFE_OBJECT_STORAGE_S3_REGION", region),
            new("TFE_OBJECT_STORAGE_S3_USE_INSTANCE_PROFILE", "true"),
            new("TFE_OBJECT_STORAGE_S3_SERVER_SIDE_ENCRYPTION", "aws:kms"),
            new("TFE_OBJECT_STORAGE_S3_SERVER_SIDE_ENCRYPTION_KMS_KEY_ID", endpoints.KeyArn),
            new("TFE_RUN_PIPELINE_DRIVER", "docker"),
            new("TFE_RUN_PIPELINE_DOCKER_NETWORK", RunNetwork),
            new("TFE_DISK_CACHE_PATH", DiskCachePath),
            new("TFE_DISK_CACHE_VOLUME_NAME", DiskCacheVolume),
            new("TFE_HTTP_PORT", ContainerHttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("TFE_HTTPS_PORT", ContainerHttpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("TFE_ADMIN_HTTPS_PORT", AdminHttpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (endpoints.PasswordlessDatabase)
        {
            // RDS IAM authentication (TFE 1.1.0+, connect-database/postgres "AWS IAM authentication"): tokens signed with
            // the instance profile for the database's region, the same as the nodes'; TLS stays required (sslmode=require).
            settings.Add(new("TFE_DATABASE_PASSWORDLESS_AWS_USE_INSTANCE_PROFILE", "true"));
            settings.Add(new("TFE_DATABASE_PASSWORDLESS_AWS_REGION", region));
        }

        if (endpoints.RedisHost is { } redisHost)
        {
            settings.Add(new("TFE_REDIS_HOST", redisHost));
            settings.Add(new("TFE_REDIS_USE_TLS", "true"));
            settings.AddRange(endpoints.RedisIam is { } iam ? iam.Settings(region) : [new("TFE_REDIS_USE_AUTH", "true")]);
        }

        if (iactSubnets is { Count: > 0 })
        {
            settings.Add(new("TFE_IACT_SUBNETS", string.Join(',', iactSubnets)));
        }

        if (iactTimeLimitMinutes is { } minutes)
        {
            settings.Add(new("TFE_IACT_TIME_LIMIT", minutes.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        settings.AddRange((additional ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal));
        return settings;
    }

    /// <summary>
    /// The settings read from Secrets Manager at boot that TFE takes only from its environment (its configuration
    /// reference has no <c>*_PATH</c> variant of them): the node writes them to <c>secrets.env</c>, which the container's
    /// shell exports just before it runs TFE. The license is not one of them: TFE reads it from a file
    /// (<c>TFE_LICENSE_PATH</c>, <see cref="LicensePath"/>), which the node writes from <c>LicenseSecretArn</c>.
    /// </summary>
    /// <remarks>With IAM authentication to Redis (<see cref="TfeRedisAuthentication.Iam"/>) there is no <c>TFE_REDIS_PASSWORD</c>.</remarks>
    public static IReadOnlyList<SecretSetting> Secrets(string encryptionPasswordArn, ITfeDataTier data, ITfeRedis? redis) =>
        Secrets(encryptionPasswordArn, TfeNodeEndpoints.IamUser(data) is null ? data.DatabaseSecret.SecretArn : null,
            redis is { Authentication: TfeRedisAuthentication.AuthToken } ? redis.AuthToken?.SecretArn : null);

    /// <summary>The same secret settings, from the secrets' ARNs (the bootstrap harness passes literal ones); no database password with IAM authentication (null ARN).</summary>
    public static IReadOnlyList<SecretSetting> Secrets(string encryptionPasswordArn, string? databaseSecretArn, string? redisAuthTokenArn)
    {
        var secrets = new List<SecretSetting> { new("TFE_ENCRYPTION_PASSWORD", encryptionPasswordArn) };
        if (databaseSecretArn is not null)
        {
            secrets.Add(new("TFE_DATABASE_PASSWORD", databaseSecretArn, "password"));
        }

        if (redisAuthTokenArn is not null)
        {
            secrets.Add(new("TFE_REDIS_PASSWORD", redisAuthTokenArn));
        }

        return secrets;
    }
}
