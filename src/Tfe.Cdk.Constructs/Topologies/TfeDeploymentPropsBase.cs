using Amazon.CDK.AWS.Route53;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// Settings shared by the topologies (<see cref="TfeStandaloneProps"/>, <see cref="TfeActiveActiveProps"/>): the app-tier
/// options plus the network, the data tier and DNS.
/// </summary>
public abstract record TfeDeploymentPropsBase : TfeAppTierOptions
{
    /// <summary>An existing network (a <see cref="TfeNetwork"/> defined elsewhere) to deploy into.</summary>
    /// <remarks>Default: - a new <see cref="TfeNetwork"/> built from <see cref="NetworkOptions"/>. Not together with <see cref="NetworkOptions"/>.
    /// Create-only by nature for the data subnets: the database's subnet group (<c>DBSubnetGroupName</c>) cannot change
    /// without replacing the database (docs/day-two.md).</remarks>
    public ITfeNetwork? Network { get; init; }

    /// <summary>Options of the network the topology defines (a new VPC, or an existing <c>IVpc</c> with subnet selections).</summary>
    /// <remarks>Default: - a new VPC over 3 AZs with one NAT gateway per AZ, an S3 gateway endpoint and flow logs. Create-only by
    /// nature: a new VPC or data subnets replace the database (docs/day-two.md).</remarks>
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
    /// Default: - a single-region deployment. Turning it on for a running deployment keeps its database, secrets and
    /// buckets: every deployment has had its deterministic names (<see cref="NamePrefix"/>) from creation, and this adds only
    /// update-safe properties (secret replicas, a replication rule, backup replication). Its
    /// <see cref="TfeDisasterRecovery.NamePrefix"/> must equal this deployment's name prefix (refused otherwise, DR-2).
    /// The library then owns <c>TFE_ENCRYPTION_PASSWORD</c>
    /// (<see cref="TfeAppTierOptions.EncryptionPassword"/> is refused) and the hostname's failover pair
    /// (<see cref="DnsFailover"/> is refused): with a <see cref="HostedZone"/> this stack defines the region's canonical
    /// name, and the DR stack the failover records.
    /// </remarks>
    public TfeDisasterRecovery? DisasterRecovery { get; init; }

    /// <summary>
    /// The prefix of the physical names of the deployment's stateful resources, fixed at creation: the database identifier
    /// <c>&lt;prefix&gt;-db</c>, its secret <c>&lt;prefix&gt;/database</c> and the encryption password
    /// <c>&lt;prefix&gt;/encryption-password</c> (and a DR pair's buckets, key alias and alarms, whose
    /// <see cref="TfeDisasterRecovery.NamePrefix"/> must be this value). 1 to 24 lower-case letters, digits and single
    /// hyphens, starting with a letter.
    /// </summary>
    /// <remarks>
    /// Default: - derived from the stack name and the construct's path in the stack (for example <c>tfe-prod-tfe</c>; a
    /// longer one is cut to 15 characters plus 8 hex digits of its hash), unique per account and region because stack
    /// names are. Create-only by nature: changing it renames the database and the secrets, which CloudFormation does by
    /// replacing them (a new, empty database and a new random encryption password). Set it before the first deployment
    /// or never; a running deployment's prefix is in its <c>DatabaseSecretArn</c> output.
    /// </remarks>
    public string? NamePrefix { get; init; }

    /// <summary>
    /// For a deployment created before the library named its resources: the physical names it already has, so that the
    /// library writes no name (which would replace the database and the secrets) and a <see cref="TfeDrRegion"/> reads
    /// these names instead of the prefix's.
    /// </summary>
    /// <remarks>
    /// Default: - none; the names come from <see cref="NamePrefix"/>. Copy them from the running stack (outputs
    /// <c>DatabaseEndpoint</c>, <c>DatabaseSecretArn</c>, <c>EncryptionPasswordSecretArn</c>). Create-only by nature: once
    /// set, keep it for the life of the deployment.
    /// </remarks>
    public TfePhysicalNames? AdoptNames { get; init; }
}
