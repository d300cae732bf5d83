using System.Text.Json;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>The node scripts the harness runs, one per topology the samples and fixtures deploy.</summary>
public enum NodeVariant
{
    /// <summary>The Standalone sample: external mode behind an ALB, self-signed node certificate.</summary>
    Standalone,

    /// <summary>The Active/Active sample: Redis, Vault cluster address, drain watcher (OPS-3).</summary>
    ActiveActive,

    /// <summary>Standalone behind an internal NLB: node certificate from Secrets Manager, target self-registration (TLS-5).</summary>
    InternalNlb,
}

/// <summary>
/// Renders each <see cref="NodeVariant"/> through <see cref="TfeNodeScript.Render"/> with the configuration
/// <c>TfeAppTier</c> would build for it, literal values standing in for the deploy-time tokens; and the scenario in
/// which that node boots cleanly.
/// </summary>
internal static class NodeScripts
{
    public const string Hostname = "tfe.example.com";
    public const string HealthPath = "/_health_check";
    public const string InstanceId = "i-0123456789abcdef0";
    public const string PrivateIp = "10.0.1.23";
    public const string GroupName = "TfeActiveActive-TfeAppAutoScalingGroupASG-1A2B3C4D5E6F";
    public const string LaunchTemplateVersion = "4";
    public const string TargetGroupArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/TfeApp-Nodes/0123456789abcdef";
    public const string LicenseArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:tfe/license-AbCdEf";
    private const string EncryptionArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:TfeAppEncryptionPassword-GhIjKl";
    private const string DatabaseArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:TfeDataDatabaseSecret-MnOpQr";
    private const string RedisArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:TfeRedisAuthToken-StUvWx";
    private const string TlsArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:tfe/tls-YzAbCd";

    /// <summary>The Active/Active variant signs in to Redis with the node role, as the sample does (TfeRedisAuthentication.Iam).</summary>
    public static readonly TfeRedisIamLogin RedisIam = new("tfe-redis-0123456789ab-iam", "tfe-redis-cache");

    /// <summary>The value of each secret by ARN (JSON secrets whole), all distinct so a leak is easy to spot.</summary>
    public static readonly IReadOnlyDictionary<string, string> SecretValues = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [LicenseArn] = "02MV4UU43BK5HGYYTOJZWFQMTMNNEWU33JLZ-license-s3cr3t",
        [EncryptionArn] = "encryption-s3cr3t-Zq9Lk2Pw",
        [DatabaseArn] = """{"username":"tfe","password":"database-s3cr3t-Hx7Vb3"}""",
        [RedisArn] = "redis-s3cr3t-Mt5Rc8",
        [TlsArn] = """{"certificate":"-----BEGIN CERTIFICATE-----\nMIIBnode\n-----END CERTIFICATE-----","private_key":"-----BEGIN PRIVATE KEY-----\ntls-key-s3cr3t-Jd4Ns6\n-----END PRIVATE KEY-----"}""",
    };

    /// <summary>Each secret setting TFE reads from its environment, by name, with the value it must get.</summary>
    public static IReadOnlyDictionary<string, string> SecretSettings(NodeVariant variant) => Configuration(variant).Secrets.ToDictionary(s => s.Name, s =>
        s.JsonField is null ? SecretValues[s.SecretArn] : JsonDocument.Parse(SecretValues[s.SecretArn]).RootElement.GetProperty(s.JsonField).GetString()!);

    /// <summary>Every secret value the node reads, down to the parts of JSON secrets.</summary>
    public static readonly IReadOnlyList<string> SecretFragments =
    [
        "license-s3cr3t", "encryption-s3cr3t-Zq9Lk2Pw", "database-s3cr3t-Hx7Vb3", "redis-s3cr3t-Mt5Rc8", "tls-key-s3cr3t-Jd4Ns6",
    ];

    /// <summary>The VPC's range the variants render (the library's default VPC).</summary>
    public const string VpcCidr = "10.0.0.0/16";

    /// <summary>Docker's address range the variants render (the library's first choice outside <see cref="VpcCidr"/>).</summary>
    public const string DockerRange = "172.17.0.0/16";

    public static TfeNodeConfiguration Configuration(NodeVariant variant)
    {
        var activeActive = variant == NodeVariant.ActiveActive;
        var stack = activeActive ? "TfeActiveActive" : "TfeStandalone";
        // The settings and secrets as the library builds them (TfeNodeSettings), from literal endpoints and ARNs.
        var endpoints = new TfeNodeEndpoints(
            DatabaseHost: "tfedatadatabase.c1a2b3c4d5e6.us-east-1.rds.amazonaws.com:5432",
            DatabaseName: "tfe",
            DatabaseUser: "tfe",
            BucketName: "tfedatabucket-0123456789ab",
            KeyArn: "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d",
            RedisHost: activeActive ? "master.tferedis.abcdef.use1.cache.amazonaws.com:6379" : null,
            RedisIam: activeActive ? RedisIam : null);
        var settings = TfeNodeSettings.Build(Hostname, activeActive ? TfeOperationalMode.ActiveActive : TfeOperationalMode.External,
            endpoints, "us-east-1", additional: null);
        // No Redis AUTH token in any variant: the Active/Active one uses IAM authentication (RedisArn stays a decoy never read).
        var secrets = TfeNodeSettings.Secrets(EncryptionArn, DatabaseArn, redisAuthTokenArn: null);

        // TFE's metrics (TfeMetrics, on by default): on for the samples' variants, off for the internal NLB one.
        var metrics = variant != NodeVariant.InternalNlb;
        if (metrics)
        {
            settings = [.. settings, .. TfeNodeMetrics.Settings];
        }

        // TFE's log forwarding (LogForwarding, off by default): to S3 in the internal NLB variant, off in the samples' ones.
        var logForwarding = variant == NodeVariant.InternalNlb ? LogForwardingConfig : null;
        if (logForwarding is not null)
        {
            settings = [.. settings, .. TfeNodeLogForwarding.Settings];
        }

        return new TfeNodeConfiguration
        {
            Region = "us-east-1",
            StackName = stack,
            SignalResource = "TfeAppAutoScalingGroupASG1A2B3C4D",
            InitResource = "TfeAppLaunchTemplate1A2B3C4D",
            Hostname = Hostname,
            Image = "images.releases.hashicorp.com/hashicorp/terraform-enterprise:1.0.3",
            HealthPath = HealthPath,
            LogGroupName = $"{stack}-TfeAppLogGroup1A2B3C4D-0123456789ab",
            LicenseSecretArn = LicenseArn,
            Settings = settings,
            Secrets = secrets,
            TlsSecretArn = variant == NodeVariant.InternalNlb ? TlsArn : null,
            TargetGroupArn = variant == NodeVariant.InternalNlb ? TargetGroupArn : null,
            VaultCluster = activeActive,
            Drain = activeActive ? new DrainHook("tfe-drain", 3540) : null,
            Network = new TfeNodeNetwork(DockerRange, [VpcCidr], activeActive ? ["5432", "6379", "8201"] : ["5432", "8201"]),
            DockerEngine = TfeReleaseSupport.DockerFor("1.0.3"),
            MetricsLogGroupName = metrics ? MetricsLogGroup(variant) : null,
            LogForwardingConfig = logForwarding,
        };
    }

    /// <summary>The Fluent Bit section the internal NLB variant forwards its logs with (S3, literal bucket name).</summary>
    public static readonly string LogForwardingConfig = TfeNodeLogForwarding.S3Config("us-east-1", "tfestandalone-tfeapplogforwardingbucket-0123456789ab", "tfe-logs");

    /// <summary>The log group of TFE's metrics (the CloudWatch agent's EMF events) in <paramref name="variant"/>.</summary>
    public static string MetricsLogGroup(NodeVariant variant) =>
        $"{(variant == NodeVariant.ActiveActive ? "TfeActiveActive" : "TfeStandalone")}-TfeAppTfeMetricsLogs1A2B3C4D-0123456789ab";

    /// <summary>The user data of <paramref name="variant"/>, as <c>TfeAppTier</c> renders it (30-minute boot timeout).</summary>
    public static string Render(NodeVariant variant) => TfeNodeScript.Render(Configuration(variant), 1500);

    /// <summary>One instance of the group as DescribeAutoScalingGroups lists it.</summary>
    /// <param name="Id">Its instance id.</param>
    /// <param name="State">Its lifecycle state (<c>InService</c>, <c>Pending</c>, <c>Terminating:Wait</c>, ...).</param>
    /// <param name="Version">The launch template version it was launched from; null for an instance attached without it.</param>
    public sealed record GroupInstance(string Id, string State = "InService", string? Version = LaunchTemplateVersion);

    /// <summary>The answer of <c>aws autoscaling describe-auto-scaling-groups</c> (the API's JSON; the fake applies the script's --query).</summary>
    public static string Group(int desiredCapacity, params GroupInstance[] instances) => JsonSerializer.Serialize(new
    {
        AutoScalingGroups = new[]
        {
            new
            {
                AutoScalingGroupName = GroupName,
                DesiredCapacity = desiredCapacity,
                MinSize = desiredCapacity,
                MaxSize = desiredCapacity,
                Instances = instances.Select(i => new
                {
                    InstanceId = i.Id,
                    AvailabilityZone = "us-east-1a",
                    LifecycleState = i.State,
                    HealthStatus = "Healthy",
                    LaunchTemplate = new { LaunchTemplateId = "lt-0123456789abcdef0", LaunchTemplateName = "TfeAppLaunchTemplate", Version = i.Version },
                    InstanceType = "m7i.xlarge",
                    ProtectedFromScaleIn = false,
                }),
            },
        },
    });

    /// <summary>The answer of <c>aws ec2 describe-instances</c> for instances (id, private IP).</summary>
    public static string Instances(params (string Id, string Ip)[] instances) => JsonSerializer.Serialize(new
    {
        Reservations = instances.Select(i => new
        {
            ReservationId = "r-" + i.Id[2..],
            Instances = new[] { new { InstanceId = i.Id, PrivateIpAddress = i.Ip, State = new { Code = 16, Name = "running" } } },
        }),
    });

    /// <summary>
    /// The scenario in which every node boots cleanly: all secrets exist, the group holds only this instance (desired
    /// capacity 1, one launch template version), so it passes the boot gate as its own leader, and TFE is healthy at the
    /// first probe.
    /// </summary>
    public static BootScenario HealthyScenario()
    {
        var scenario = new BootScenario();
        foreach (var (arn, value) in SecretValues)
        {
            scenario.Secrets[arn] = value;
        }

        scenario.Metadata["instance-id"] = InstanceId;
        scenario.Metadata["local-ipv4"] = PrivateIp;
        scenario.Metadata["placement/region"] = "us-east-1";
        scenario.Metadata["tags/instance/aws:autoscaling:groupName"] = GroupName;
        scenario.Metadata["autoscaling/target-lifecycle-state"] = "InService";
        scenario.Aws["autoscaling.describe-auto-scaling-groups.json"] = Group(1, new GroupInstance(InstanceId));
        scenario.Aws["autoscaling.describe-instance-refreshes.json"] = """{"InstanceRefreshes": []}""";
        scenario.Health["127.0.0.1"] = "200";
        scenario.Aws["elbv2.register-targets.json"] = string.Empty;
        scenario.Aws["elbv2.deregister-targets.json"] = string.Empty;
        scenario.Aws["autoscaling.complete-lifecycle-action.json"] = string.Empty;
        return scenario;
    }
}
