using Amazon.CDK.AWS.EC2;

namespace Tfe.Cdk.Constructs;

/// <summary>The network a TFE deployment is placed in: a VPC and the subnets of each tier.</summary>
/// <remarks>Implemented by <see cref="TfeNetwork"/>, for both a new VPC and an existing one.</remarks>
public interface ITfeNetwork
{
    /// <summary>The VPC.</summary>
    IVpc Vpc { get; }

    /// <summary>The VPC's IPv4 range: a literal where it is known at synth time, so rules built from it can be checked.</summary>
    string VpcCidrBlock { get; }

    /// <summary>Subnets for an internet-facing load balancer.</summary>
    SubnetSelection PublicSubnets { get; }

    /// <summary>Private subnets with egress, for the TFE nodes and an internal load balancer.</summary>
    SubnetSelection PrivateSubnets { get; }

    /// <summary>Private subnets for the database and the memory cache.</summary>
    SubnetSelection DataSubnets { get; }
}
