using Amazon.CDK.AWS.Route53;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// Terraform Enterprise in the reference architecture's Standalone mode: one node (MODE-1) behind a load balancer, in
/// operational mode <c>external</c> with PostgreSQL on RDS Multi-AZ and S3 object storage.
/// </summary>
/// <remarks>
/// Defines a <see cref="TfeNetwork"/> (unless one is given), a <see cref="TfeDataTier"/> and a <see cref="TfeAppTier"/>
/// whose Auto Scaling group is pinned to min = max = 1, an optional Route 53 alias record (NET-2), and stack outputs.
/// </remarks>
public class TfeStandalone : Construct, ITfeDeployment
{
    /// <summary>Defines a Standalone TFE deployment.</summary>
    /// <exception cref="TfeValidationException">The props break a rule of the reference architecture.</exception>
    public TfeStandalone(Construct scope, string id, TfeStandaloneProps props)
        : base(scope, id)
    {
        Inputs.RefuseNullProps(this, props, RuleIds.Mode1);
        Network = TfeTopology.Network(this, props);
        TfeTopology.WarnOnUnknownRelease(this, props);
        TfeTopology.Check(this, props, Network, TfeOperationalMode.External, nodeCount: null, drainTimeout: null).ThrowIfAny(this);

        var alarmTopic = TfeTopology.AlarmTopic(this, props);
        Data = TfeTopology.DataTier(this, props, Network, alarmTopic);
        DisasterRecovery = props.DisasterRecovery;
        App = new TfeAppTier(this, "App", TfeTopology.AppTierProps(props, Network, Data, alarmTopic) with
        {
            EncryptionPassword = props.EncryptionPassword,
            OperationalMode = TfeOperationalMode.External,
            NodeCount = 1,
        });
        var names = TfeTopology.NameSecrets(this, props, App);
        NamePrefix = names.Prefix;
        PhysicalNames = names.Physical;
        Releases = TfeDeploymentReleases.Of(props, props.Data?.DatabaseEngineVersion, null);
        DnsRecord = TfeTopology.DnsRecord(this, props, App);
        TfeTopology.Outputs(this, App, Data);
        Dashboard = TfeDashboard.ForDeployment(this, props, App, Data, null);
    }

    /// <summary>The network.</summary>
    public ITfeNetwork Network { get; }

    /// <summary>The data tier: PostgreSQL, the buckets and the key.</summary>
    public TfeDataTier Data { get; }

    /// <summary>The application tier: the node, its load balancer and role.</summary>
    public TfeAppTier App { get; }

    /// <summary>The alias record for the hostname, when a hosted zone was given.</summary>
    public ARecord? DnsRecord { get; }

    /// <summary>The operator's CloudWatch dashboard, or null when <see cref="TfeDeploymentPropsBase.Dashboard"/> is false.</summary>
    public TfeDashboard? Dashboard { get; }

    /// <summary>The disaster recovery settings, when this deployment is the primary of a DR pair.</summary>
    public TfeDisasterRecovery? DisasterRecovery { get; }

    /// <inheritdoc/>
    public string NamePrefix { get; }

    /// <inheritdoc/>
    public TfePhysicalNames PhysicalNames { get; }

    /// <summary>The releases this deployment runs (a standby must run the same, DR-2).</summary>
    internal TfeDeploymentReleases Releases { get; }

    /// <summary>The URL users reach TFE at.</summary>
    public string Url => $"https://{App.Hostname}";
}
