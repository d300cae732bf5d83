using Amazon.CDK.AWS.EC2;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// What <see cref="TfeNetwork.FromNetworkAttributes"/> needs to refer to a network defined elsewhere: an <see cref="IVpc"/>
/// (another stack's <c>TfeNetwork.Vpc</c>), or a VPC id with its Availability Zones and subnet ids per tier.
/// </summary>
public sealed record TfeNetworkAttributes
{
    /// <summary>The VPC, for example the other stack's <c>TfeNetwork.Vpc</c>; its subnets are used by type, as <see cref="TfeNetwork"/> does.</summary>
    /// <remarks>Default: - none; give this or <see cref="VpcId"/>, not both.</remarks>
    public IVpc? Vpc { get; init; }

    /// <summary>The id of the VPC, imported with <c>Vpc.FromVpcAttributes</c> from the subnet ids below.</summary>
    /// <remarks>Default: - none; give this or <see cref="Vpc"/>, not both. Needs <see cref="AvailabilityZones"/> and <see cref="PrivateSubnetIds"/>.</remarks>
    public string? VpcId { get; init; }

    /// <summary>The VPC's IPv4 range: an internal load balancer admits it by default.</summary>
    /// <remarks>Default: - the <see cref="Vpc"/>'s range; with <see cref="VpcId"/>, none, and reading <see cref="ITfeNetwork.VpcCidrBlock"/> throws.</remarks>
    public string? VpcCidrBlock { get; init; }

    /// <summary>The Availability Zones of the subnets, in the order their ids are listed (one subnet per AZ per tier).</summary>
    /// <remarks>Default: - none; required with <see cref="VpcId"/>.</remarks>
    public IReadOnlyList<string>? AvailabilityZones { get; init; }

    /// <summary>Subnets for an internet-facing load balancer, one per AZ.</summary>
    /// <remarks>Default: - none (only an internal load balancer can then be placed); only with <see cref="VpcId"/>.</remarks>
    public IReadOnlyList<string>? PublicSubnetIds { get; init; }

    /// <summary>Private subnets with egress for the TFE nodes and an internal load balancer, one per AZ.</summary>
    /// <remarks>Default: - none; required with <see cref="VpcId"/>.</remarks>
    public IReadOnlyList<string>? PrivateSubnetIds { get; init; }

    /// <summary>Private subnets for the database and the memory cache, one per AZ.</summary>
    /// <remarks>Default: - the private subnets; only with <see cref="VpcId"/>.</remarks>
    public IReadOnlyList<string>? DataSubnetIds { get; init; }
}
