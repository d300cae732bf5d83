using Amazon.CDK.AWS.EC2;

namespace Tfe.Cdk.Constructs;

/// <summary>Properties for <see cref="TfeNetwork"/>: a new VPC (the default) or an existing one.</summary>
public sealed record TfeNetworkProps
{
    /// <summary>An existing VPC to use instead of defining a new one.</summary>
    /// <remarks>
    /// Default: - a new VPC over <see cref="MaxAzs"/> Availability Zones, with public, private-with-egress and
    /// isolated subnets. With an existing VPC, <see cref="MaxAzs"/>, <see cref="NatGateways"/>, <see cref="CidrBlock"/>
    /// and <see cref="FlowLogsEncryptionKey"/> must not be set (they only describe a new VPC), and
    /// <see cref="FlowLogs"/> is ignored.
    /// </remarks>
    public IVpc? Vpc { get; init; }

    /// <summary>How many Availability Zones a new VPC spans.</summary>
    /// <remarks>Default: 3. At least 2: the database is Multi-AZ (DB-1) and nodes recover into another AZ (COMP-3).</remarks>
    public int? MaxAzs { get; init; }

    /// <summary>How many NAT gateways a new VPC has, for the nodes' outbound traffic (image pulls, VCS, providers).</summary>
    /// <remarks>Default: - one per Availability Zone, so losing an AZ does not cut the other nodes' egress. 1 to
    /// <see cref="MaxAzs"/>.</remarks>
    public int? NatGateways { get; init; }

    /// <summary>The IPv4 range of a new VPC.</summary>
    /// <remarks>Default: 10.0.0.0/16.</remarks>
    public string? CidrBlock { get; init; }

    /// <summary>Subnets of an existing VPC for an internet-facing load balancer.</summary>
    /// <remarks>Default: - the VPC's public subnets.</remarks>
    public SubnetSelection? PublicSubnets { get; init; }

    /// <summary>Subnets of an existing VPC for the TFE nodes and an internal load balancer.</summary>
    /// <remarks>Default: - the VPC's private subnets with egress.</remarks>
    public SubnetSelection? PrivateSubnets { get; init; }

    /// <summary>Subnets of an existing VPC for the database and the memory cache.</summary>
    /// <remarks>Default: - the isolated subnets of a new VPC; the private subnets with egress of an existing one.</remarks>
    public SubnetSelection? DataSubnets { get; init; }

    /// <summary>Whether to add an S3 gateway endpoint, so object storage traffic stays on the AWS network (S3-2).</summary>
    /// <remarks>Default: true. Set false only when the existing VPC already has one; false warns (S3-2).</remarks>
    public bool? S3GatewayEndpoint { get; init; }

    /// <summary>
    /// Whether to add interface endpoints for the AWS services a node calls (Secrets Manager, KMS, SSM, CloudWatch
    /// Logs and metrics, CloudFormation, Auto Scaling, Elastic Load Balancing, STS, EC2, and ECR's API and registry for
    /// an ECR image source), for deployments whose private subnets have no route to the internet.
    /// </summary>
    /// <remarks>
    /// Default: false (the nodes reach those services through the NAT gateways). Each of the 14 endpoints is billed per
    /// Availability Zone and hour, plus data processed; they share one security group that admits HTTPS from the VPC's
    /// range only. Without internet egress the image must come from ECR or a registry the VPC reaches
    /// (<see cref="TfeAppTierOptions.ImageSource"/>): see docs/private-registry.md.
    /// </remarks>
    public bool? InterfaceEndpoints { get; init; }

    /// <summary>Whether to record VPC flow logs into a CloudWatch log group.</summary>
    /// <remarks>Default: true, for a new VPC; an existing VPC's flow logs are its owner's business.</remarks>
    public bool? FlowLogs { get; init; }

    /// <summary>The KMS key the flow-log group is encrypted with; its policy must let CloudWatch Logs use it.</summary>
    /// <remarks>
    /// Default: - a new KMS key with yearly rotation, retained when the stack is deleted (about 1 USD a month), whose
    /// policy lets CloudWatch Logs of this account and region use it. An imported key's policy cannot be changed by the
    /// construct: add the CloudWatch Logs statement yourself (see docs/compliance.md). Refused with an existing
    /// <see cref="Vpc"/> and with <see cref="FlowLogs"/> = false (there is no flow-log group to encrypt).
    /// </remarks>
    public Amazon.CDK.AWS.KMS.IKey? FlowLogsEncryptionKey { get; init; }
}
