using Amazon.CDK.AWS.EC2;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>A network defined elsewhere, referred to by its attributes (<see cref="TfeNetwork.FromNetworkAttributes"/>).</summary>
internal sealed class ImportedTfeNetwork : Construct, ITfeNetwork
{
    private readonly string? _cidrBlock;

    public ImportedTfeNetwork(Construct scope, string id, TfeNetworkAttributes attributes)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        Check(attributes).ThrowIfAny(this);

        PublicSubnets = new SubnetSelection { SubnetType = SubnetType.PUBLIC };
        PrivateSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS };
        if (attributes.Vpc is { } vpc)
        {
            Vpc = vpc;
            _cidrBlock = attributes.VpcCidrBlock ?? vpc.VpcCidrBlock;

            // A TfeNetwork's VPC keeps the database and cache in isolated subnets; an existing VPC may have none.
            DataSubnets = new SubnetSelection
            {
                SubnetType = vpc.IsolatedSubnets.Length > 0 ? SubnetType.PRIVATE_ISOLATED : SubnetType.PRIVATE_WITH_EGRESS,
            };
            return;
        }

        _cidrBlock = attributes.VpcCidrBlock;
        var data = attributes.DataSubnetIds is { Count: > 0 };
        Vpc = Amazon.CDK.AWS.EC2.Vpc.FromVpcAttributes(this, "Vpc", new VpcAttributes
        {
            VpcId = attributes.VpcId!,
            VpcCidrBlock = attributes.VpcCidrBlock,
            AvailabilityZones = attributes.AvailabilityZones!.ToArray(),
            PublicSubnetIds = attributes.PublicSubnetIds is { Count: > 0 } ids ? ids.ToArray() : null,
            PrivateSubnetIds = attributes.PrivateSubnetIds!.ToArray(),
            IsolatedSubnetIds = data ? attributes.DataSubnetIds!.ToArray() : null,
        });
        DataSubnets = new SubnetSelection { SubnetType = data ? SubnetType.PRIVATE_ISOLATED : SubnetType.PRIVATE_WITH_EGRESS };
    }

    public IVpc Vpc { get; }

    public string VpcCidrBlock => _cidrBlock ?? throw new InvalidOperationException(
        $"{Node.Path}: VpcCidrBlock of an imported network was not supplied. Pass VpcCidrBlock to TfeNetwork.FromNetworkAttributes, "
        + "or set IngressCidrs on the app tier (an internal load balancer admits the VPC's range by default).");

    public SubnetSelection PublicSubnets { get; }

    public SubnetSelection PrivateSubnets { get; }

    public SubnetSelection DataSubnets { get; }

    /// <summary>NET-1: the VPC and the subnets of each tier are named unambiguously.</summary>
    internal static RuleCheck Check(TfeNetworkAttributes a)
    {
        var byId = a.Vpc is null;
        var azs = a.AvailabilityZones?.Count ?? 0;
        bool Misfit(IReadOnlyList<string>? ids) =>
            azs > 0 && ids is { Count: > 0 } && ids.Count % azs != 0 && !ids.Concat(a.AvailabilityZones!).Any(RuleCheck.IsToken);
        const string Either = "Pass Vpc (for example the other stack's TfeNetwork.Vpc), or VpcId with AvailabilityZones and PrivateSubnetIds";
        return new RuleCheck()
            .FailIf(a.Vpc is null && string.IsNullOrWhiteSpace(a.VpcId), RuleIds.Net1, "Vpc/VpcId", a.VpcId,
                "must name the VPC", Either)
            .FailIf(a.Vpc is not null && a.VpcId is not null, RuleIds.Net1, "VpcId", a.VpcId,
                "cannot be combined with Vpc", "Pass one of Vpc and VpcId")
            .FailIf(!byId && (a.AvailabilityZones ?? a.PublicSubnetIds ?? a.PrivateSubnetIds ?? a.DataSubnetIds) is not null,
                RuleIds.Net1, "AvailabilityZones/PublicSubnetIds/PrivateSubnetIds/DataSubnetIds", "(set)",
                "describe a VPC imported by VpcId; with Vpc the tiers use its subnets by type",
                "Remove them, or pass VpcId instead of Vpc")
            .FailIf(byId && a.VpcId is not null && azs == 0, RuleIds.Net1, "AvailabilityZones", "(not set)",
                "must list the AZs of the subnets of a VPC imported by VpcId", "Pass the AZs, in the order of the subnet ids")
            .FailIf(byId && a.VpcId is not null && a.PrivateSubnetIds is not { Count: > 0 }, RuleIds.Net1, "PrivateSubnetIds", "(not set)",
                "must list the private subnets the TFE nodes run in", "Pass one private subnet id per AZ")
            .FailIf(Misfit(a.PublicSubnetIds) || Misfit(a.PrivateSubnetIds) || Misfit(a.DataSubnetIds), RuleIds.Net1,
                "PublicSubnetIds/PrivateSubnetIds/DataSubnetIds", $"{azs} AZ(s)",
                "must each list the same number of subnets per AZ", "Pass one subnet id per AZ, in the order of AvailabilityZones");
    }
}
