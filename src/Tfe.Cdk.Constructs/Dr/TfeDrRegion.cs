using Amazon.CDK;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// A standby of a TFE deployment in a second region (DR-2): its own network, database that follows the primary (warm:
/// cross-region read replica) or is restored at failover (cold), the replicated bucket, key and secrets, its own memory
/// cache for Active/Active (DR-6), a load balancer and launch template ready for this region with the nodes at 0, and the
/// hostname's Route 53 failover pair (DR-5). One typed switch, <see cref="TfeDrRegionProps.Promoted"/>, fails over.
/// </summary>
/// <remarks>
/// <para>Define it in the DR stack, deployed after the primary stack (the replica needs the primary database), which is
/// deployed after the <see cref="TfeDrStorage"/> stack (the primary replicates into its bucket and key). The construct adds
/// both stack dependencies, so <c>cdk deploy --all</c> deploys storage → primary → DR.</para>
/// <para>Nothing crosses regions as a token: the primary database ARN, the secrets and the other region's alarm are named by
/// <see cref="TfeDisasterRecovery"/>. TFE settings here point at this region only: this region's database endpoint (never
/// the replicated secret's host), bucket, key and Redis; <c>TFE_HOSTNAME</c> and <c>TFE_ENCRYPTION_PASSWORD</c> are the
/// primary's (the same FQDN, the replicated secret).</para>
/// <para>Failing over is a human decision: promoting on a transient outage would split the data. The DNS follows that
/// decision, not the other way round: see docs/disaster-recovery.md for the runbook.</para>
/// </remarks>
public class TfeDrRegion : Construct
{
    /// <summary>Defines the standby region.</summary>
    /// <exception cref="TfeValidationException">The props break a rule of the reference architecture or disagree with the primary or storage.</exception>
    public TfeDrRegion(Construct scope, string id, TfeDrRegionProps props)
        : base(scope, id)
    {
        Inputs.RefuseNullProps(this, props, RuleIds.Dr2);
        var stack = Stack.Of(this);

        // As the topologies do: resolve the network (a new TfeNetwork checks its own options), then check every tier's
        // props, the DR rules and the engine versions against the release before defining anything, in one exception.
        var network = props.Network ?? new TfeNetwork(this, "Network", props.NetworkOptions);
        var (check, values) = Check(props, network);
        check.ThrowIfAny(this);
        Warnings.Add(this, TfeDrRegionPropsValidator.Advise(values!));

        var primaryStack = Stack.Of(props.Primary);
        var storageStack = Stack.Of(props.Storage);
        var primaryApp = props.Primary.App;
        var activeActive = values!.ActiveActive;
        var settings = props.DisasterRecovery;
        Names = new TfeDrNames(settings, stack.Account, stack.Partition) { Physical = props.Primary.PhysicalNames };
        Promoted = props.Promoted ?? false;
        StandbyMode = Names.StandbyMode;

        // storage -> primary -> DR: the manifest's dependencies give `cdk deploy --all` this order.
        primaryStack.AddDependency(storageStack, "the primary replicates its bucket, secrets and backups into the DR storage");
        stack.AddDependency(primaryStack, "the DR database follows (or restores) the primary database; the DR health checks read the primary's alarm");

        Network = network;
        Data = new TfeDrDataTier(this, "Data", new TfeDrDataTierInputs
        {
            Network = Network,
            Storage = props.Storage,
            Names = Names,
            Promoted = Promoted,
            RestoreSource = props.RestoreSource,
            DatabaseName = props.Primary.Data.DatabaseName,
            DatabaseUsername = props.Primary.Data.DatabaseUsername,
            DatabaseInstanceType = props.DatabaseInstanceType,
            EngineVersion = props.DatabaseEngineVersion,
            BackupRetentionDays = Inputs.PlainSeconds(props.DatabaseBackupRetention) / 86400 ?? Defaults.DatabaseBackupRetentionDays,
            IamDatabaseUser = props.Primary.Data.IamDatabaseUser,
        });

        TfeRedis? cacheWithoutTopic = null;
        if (activeActive)
        {
            var redisOptions = props.Redis ?? new TfeRedisOptions();
            var topic = redisOptions.AlarmTopic ?? props.AlarmTopic;
            if (props.Cache is { } existing)
            {
                Redis = existing;
            }
            else
            {
                var cache = new TfeRedis(this, "Redis", new TfeRedisProps(redisOptions, Network) with
                {
                    AlarmTopic = topic,
                    // Without a topic of the user's, the region's topic is the one the app tier defines below (OPS-2).
                    DefersAlarms = topic is null,
                });
                Redis = cache;
                cacheWithoutTopic = topic is null ? cache : null;
            }
        }

        App = new TfeAppTier(this, "App", new TfeAppTierProps(props, Network, Data)
        {
            OperationalMode = primaryApp.OperationalMode,
            NodeCount = props.NodeCount ?? primaryApp.NodeCount,
            Redis = Redis,
            DrainTimeout = activeActive ? props.DrainTimeout : null,
            EncryptionPassword = props.EncryptionPassword ?? Secret.FromSecretNameV2(this, "EncryptionPassword", Names.EncryptionPasswordSecretName),
            AtRest = !Promoted,
        });
        SecretReadPolicy.TagReader(App.Role, Names.Prefix);
        // The deployment's alarm topic (the user's AlarmTopic, or the encrypted one the app tier defines) for every alarm.
        Data.DefineAlarms(App.AlarmTopic);
        cacheWithoutTopic?.DefineAlarms(App.AlarmTopic);
        NagSuppressions.Add(App.Role.Node.FindChild("DefaultPolicy"), false, new NagSuppressions.Suppression(
            "AwsSolutions-IAM5",
            "In the DR region the nodes use the replicated bucket, named by its deterministic ARN: object access is granted on that bucket's objects (bucket/*) and nothing wider.",
            [Data.ObjectWildcardFinding]));
        if (props.EncryptionPassword is null)
        {
            // The replica is encrypted with the DR key; reading it by name gives no key grant of its own.
            props.Storage.Key.Grant(App.Role, "kms:Decrypt");
        }

        // The fail-back latch exists with or without DNS: the primary's nodes read it at boot (docs/disaster-recovery.md).
        var latch = TfeDrLatch.Define(this, App, Names, StandbyMode == TfeStandbyMode.Warm ? Data.DatabaseResource : null);
        DnsRecord = props.HostedZone is null ? null : TfeDrDns.Secondary(this, props.HostedZone, props.Hostname, App, Names, latch);
        Outputs(props);
    }

    /// <summary>The network of the secondary region.</summary>
    public ITfeNetwork Network { get; }

    /// <summary>The data tier of the secondary region: replica or restored database, replicated bucket, key and secret.</summary>
    public TfeDrDataTier Data { get; }

    /// <summary>Active/Active: this region's own memory cache (DR-6); null for a Standalone standby.</summary>
    public ITfeRedis? Redis { get; }

    /// <summary>The application tier: at 0 nodes until promoted.</summary>
    public TfeAppTier App { get; }

    /// <summary>This region's canonical name record (NET-3), when a hosted zone was given.</summary>
    public ARecord? DnsRecord { get; }

    /// <summary>Whether this region is promoted (serving) rather than at rest.</summary>
    public bool Promoted { get; }

    /// <summary>The standby mode.</summary>
    public TfeStandbyMode StandbyMode { get; }

    /// <summary>The URL users reach TFE at (the same hostname as the primary).</summary>
    public string Url => $"https://{App.Hostname}";

    internal TfeDrNames Names { get; }

    /// <summary>
    /// Every check of the props: the required objects; the node options through the app tier's validator (in the primary's
    /// mode); the database options through the data tier's; this region's own cache through the cache's; the engine
    /// versions against the TFE release; and the DR rules. Returns the DR values when the required objects are present.
    /// </summary>
    private (RuleCheck Check, TfeDrRegionPropsValidator.Values? Values) Check(TfeDrRegionProps props, ITfeNetwork network)
    {
        var check = new RuleCheck();
        var missing = Inputs.RefuseNull(check, RuleIds.Dr2, "DisasterRecovery", props.DisasterRecovery,
                "Pass the same TfeDisasterRecovery value as the primary's and the TfeDrStorage's")
            | Inputs.RefuseNull(check, RuleIds.Dr2, "Storage", props.Storage,
                "Pass the TfeDrStorage defined in its own stack in the DR region")
            | Inputs.RefuseNull(check, RuleIds.Dr2, "Primary", props.Primary,
                "Pass the primary deployment (the TfeStandalone or TfeActiveActive in the primary region)");

        // The primary decides the mode; without it, check the options as for a Standalone node and no mode-only prop.
        var mode = props.Primary?.App?.OperationalMode ?? TfeOperationalMode.External;
        var activeActive = mode == TfeOperationalMode.ActiveActive;
        var modeKnown = props.Primary?.App is not null;
        int? nodeCount = activeActive ? props.NodeCount : null;
        var drainTimeout = modeKnown ? props.DrainTimeout : null;
        check.IncludeAll(TfeAppTierPropsValidator.Check(AppTierInputs.From(props, mode, hasRedis: activeActive, nodeCount, drainTimeout)))
            .IncludeAll(TfeAppTierPropsValidator.CheckInputs(props, this, network, data: null, redis: null, wired: false, nodeCount, drainTimeout));

        // The database: the data tier's rules for the options it shares (type, version, retention, data subnets).
        var data = new TfeDataTierProps
        {
            Network = network,
            DatabaseInstanceType = props.DatabaseInstanceType,
            DatabaseEngineVersion = props.DatabaseEngineVersion,
            DatabaseBackupRetention = props.DatabaseBackupRetention,
        };
        var dataValues = TfeDataTierPropsValidator.Read(data);
        check.Include(TfeDataTierPropsValidator.Check(dataValues).Violations)
            .IncludeAll(TfeDataTierPropsValidator.CheckInputs(data, this));
        foreach (var advice in TfeDataTierPropsValidator.Advise(dataValues))
        {
            check.Warn(advice.Topic, advice.RuleId, advice.Message);
        }

        // This region's own cache (DR-6), unless an existing one is given or the options cannot apply (refused below).
        var ownCache = activeActive && props.Cache is null;
        if (ownCache)
        {
            check.Include(TfeRedis.Check(new TfeRedisProps(props.Redis ?? new TfeRedisOptions(), network), this).Violations)
                .Include(TfeReleaseSupport.CheckRedisAuthentication(props.TfeVersion ?? Defaults.TfeVersion, props.Redis?.Authentication).Violations);
        }

        var engine = props.DatabaseEngineVersion;
        check.Include(TfeReleaseSupport.Check(props.TfeVersion ?? Defaults.TfeVersion,
            dataValues.EngineMajorVersion ?? (engine is null ? Defaults.PostgresMajorVersion : null),
            dataValues.EngineFullVersion ?? (engine is null ? Defaults.PostgresFullVersion : null),
            ownCache ? (props.Redis?.EngineVersion ?? Defaults.RedisEngineVersion).Version : null,
            postgresProperty: "DatabaseEngineVersion").Violations);

        if (missing)
        {
            return (check, null);
        }

        var values = Read(props, Stack.Of(this), Stack.Of(props.Primary!), Stack.Of(props.Storage), activeActive);
        check.IncludeAll(TfeDrRegionPropsValidator.Check(values));
        if (((props.Primary as TfeStandalone)?.Releases ?? (props.Primary as TfeActiveActive)?.Releases) is { } primaryReleases)
        {
            check.Include(TfeDrReleaseMatch.Check(primaryReleases, TfeDeploymentReleases.Of(props, props.DatabaseEngineVersion,
                ownCache ? props.Redis?.EngineVersion ?? Defaults.RedisEngineVersion : null)).Violations);
        }
        return (check, values);
    }

    private static TfeDrRegionPropsValidator.Values Read(TfeDrRegionProps props, Stack stack, Stack primaryStack, Stack storageStack, bool activeActive)
    {
        var cacheStack = props.Cache is IConstruct cache ? Stack.Of(cache) : null;
        var regional = new List<(string, string?)>();
        if (props.License is { } license)
        {
            regional.Add(("License", Region(license.Env.Region)));
        }

        if (props.LoadBalancerCertificate is { } certificate)
        {
            regional.Add(("LoadBalancerCertificate", ArnRegion(certificate.CertificateArn) ?? Region(certificate.Env.Region)));
        }

        if (props.EncryptionPassword is { } password)
        {
            regional.Add(("EncryptionPassword", Region(password.Env.Region)));
        }

        if (props.NodeCertificate?.Secret is { } nodeCertificate)
        {
            regional.Add(("NodeCertificate", Region(nodeCertificate.Env.Region)));
        }

        return new TfeDrRegionPropsValidator.Values
        {
            Settings = props.DisasterRecovery,
            StorageSettings = props.Storage.DisasterRecovery,
            PrimarySettings = props.Primary.DisasterRecovery,
            StackRegion = Region(stack.Region),
            StackAccount = Region(stack.Account),
            StorageRegion = Region(storageStack.Region),
            StorageAccount = Region(storageStack.Account),
            PrimaryRegion = Region(primaryStack.Region),
            PrimaryAccount = Region(primaryStack.Account),
            ActiveActive = activeActive,
            Promoted = props.Promoted ?? false,
            RestoreSource = props.RestoreSource,
            HasNetwork = props.Network is not null,
            HasNetworkOptions = props.NetworkOptions is not null,
            HasRedisOptions = props.Redis is not null,
            HasCache = props.Cache is not null,
            CacheRegion = cacheStack is null ? null : Region(cacheStack.Region),
            CacheIsPrimarys = cacheStack is not null && ReferenceEquals(cacheStack, primaryStack) || props.Cache is not null && ReferenceEquals(props.Cache, (props.Primary as TfeActiveActive)?.Redis),
            Hostname = props.Hostname,
            PrimaryHostname = props.Primary.App.Hostname,
            HasZone = props.HostedZone is not null,
            PrimaryHasZone = props.Primary.DnsRecord is not null,
            ZoneName = props.HostedZone is { } zone ? TfeTopologyInputs.ZoneName(zone) : null,
            RegionalInputs = regional,
            NodeCount = props.NodeCount,
        };
    }

    private static string? Region(string? value) => value is null || RuleCheck.IsToken(value) ? null : value;

    private static string? ArnRegion(string arn)
    {
        if (RuleCheck.IsToken(arn))
        {
            return null;
        }

        var parts = arn.Split(':');
        return parts.Length > 3 && parts[3].Length > 0 ? parts[3] : null;
    }

    private void Outputs(TfeDrRegionProps props)
    {
        Output("Url", Url, "The TFE URL (the same hostname as the primary)");
        Output("LoadBalancerDnsName", App.LoadBalancerDnsName, "The DR load balancer: point the hostname here at failover if Route 53 is not used");
        Output("BucketName", Names.DrBucketName, "TFE's object storage in this region (the cross-region replica, DR-4)");
        Output("DatabaseEndpoint", Data.DatabaseEndpointAddress, StandbyMode == TfeStandbyMode.Warm
            ? "The DR database: read replica of the primary at rest, standalone once promoted"
            : "The DR database: restored at failover (a placeholder until RestoreSource is set)");
        Output("AutoScalingGroupName", App.AutoScalingGroup.AutoScalingGroupName, "The standby's nodes (0 at rest)");
        // The primary's operator commands, for the site that serves after a failover.
        TfeOperatorOutputs.Node(this, App);
        if (Data.DatabaseResource is { } database)
        {
            TfeOperatorOutputs.DatabaseSnapshot(this, database.DbInstanceIdentifier ?? Names.DatabaseIdentifier);
        }

        if (App.OperationalMode == TfeOperationalMode.ActiveActive)
        {
            TfeOperatorOutputs.ActiveActive(this);
        }

        Output("StandbyState", Promoted
                ? "promoted: this region serves TFE"
                : $"at rest ({StandbyMode.ToString().ToLowerInvariant()} standby): deploy this stack alone with Promoted = true to fail over",
            "What this region is doing (DR-2)");
        if (props.HostedZone is not null)
        {
            Output("RegionalUrl", $"https://{Names.RegionalRecordName(Stack.Of(this).Region, props.HostedZone.ZoneName).TrimEnd('.')}",
                "This region's canonical name (NET-3): reach the DR site directly, for example in a drill");
        }
    }

    private void Output(string id, string value, string description) =>
        new CfnOutput(this, id, new CfnOutputProps { Value = value, Description = description });
}
