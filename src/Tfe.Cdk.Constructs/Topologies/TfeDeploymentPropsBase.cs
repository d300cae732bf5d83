using Amazon.CDK.AWS.Route53;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// Settings shared by the topologies (<see cref="TfeStandaloneProps"/>, <see cref="TfeActiveActiveProps"/>): the app-tier
/// options plus the network, the data tier and DNS.
/// </summary>
public abstract record TfeDeploymentPropsBase : TfeAppTierOptions
{
    /// <summary>An existing network (a <see cref="TfeNetwork"/> defined elsewhere) to deploy into.</summary>
    /// <remarks>Default: - a new <see cref="TfeNetwork"/> built from <see cref="NetworkOptions"/>. Not together with <see cref="NetworkOptions"/>.</remarks>
    public ITfeNetwork? Network { get; init; }

    /// <summary>Options of the network the topology defines (a new VPC, or an existing <c>IVpc</c> with subnet selections).</summary>
    /// <remarks>Default: - a new VPC over 3 AZs with one NAT gateway per AZ, an S3 gateway endpoint and flow logs.</remarks>
    public TfeNetworkProps? NetworkOptions { get; init; }

    /// <summary>Options of the data tier: database size, version and backups, the buckets, the key, removal policy.</summary>
    /// <remarks>Default: - the <see cref="TfeDataTierOptions"/> defaults.</remarks>
    public TfeDataTierOptions? Data { get; init; }

    /// <summary>A Route 53 zone (public or private) in which to define an alias record for <see cref="TfeAppTierOptions.Hostname"/> (NET-2).</summary>
    /// <remarks>Default: - no record; point the hostname at the load balancer's DNS name (output <c>LoadBalancerDnsName</c>) with a CNAME.</remarks>
    public IHostedZone? HostedZone { get; init; }

    /// <summary>
    /// Makes the hostname's record one half of a Route 53 failover pair (NET-3): deploy the same hostname and zone in a
    /// second region with the other role, and DNS moves to that region's load balancer when this one has no healthy node.
    /// </summary>
    /// <remarks>
    /// Default: - a plain alias record. Requires <see cref="HostedZone"/>. The record evaluates the load balancer's target
    /// health (it works for internal load balancers, which Route 53's health checkers cannot reach); users who resolve
    /// TFE through another DNS point a CNAME at this canonical name.
    /// </remarks>
    public TfeDnsFailover? DnsFailover { get; init; }

    /// <summary>Whether to define the operator's CloudWatch dashboard (<see cref="TfeDashboard"/>) for this deployment.</summary>
    /// <remarks>Default: true.</remarks>
    public bool? Dashboard { get; init; }

    /// <summary>
    /// Makes this deployment the primary of a disaster recovery pair (DR-2..DR-6): its database and secrets get the
    /// deterministic names the <see cref="TfeDrRegion"/> reads, the secrets are replicated into the DR region, the
    /// application bucket replicates into the <see cref="TfeDrStorage"/> bucket (DR-4), and a cold standby's backups are
    /// replicated there (DR-3). Pass the same value to the <see cref="TfeDrStorage"/> and the <see cref="TfeDrRegion"/>.
    /// </summary>
    /// <remarks>
    /// Default: - a single-region deployment. For new deployments: it names the database and the secrets, which
    /// CloudFormation can only do by replacing them. The library then owns <c>TFE_ENCRYPTION_PASSWORD</c>
    /// (<see cref="TfeAppTierOptions.EncryptionPassword"/> is refused) and the hostname's failover pair
    /// (<see cref="DnsFailover"/> is refused): with a <see cref="HostedZone"/> this stack defines the region's canonical
    /// name, and the DR stack the failover records.
    /// </remarks>
    public TfeDisasterRecovery? DisasterRecovery { get; init; }
}
