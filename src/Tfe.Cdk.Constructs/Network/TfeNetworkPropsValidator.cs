namespace Tfe.Cdk.Constructs;

/// <summary>The rules a <see cref="TfeNetworkProps"/> must follow.</summary>
internal static class TfeNetworkPropsValidator
{
    public static RuleCheck Check(TfeNetworkProps props)
    {
        var existing = props.Vpc is not null;
        const string NewOnly = "only describes a new VPC and cannot be combined with an existing Vpc";
        const string Remove = "Remove it, or remove Vpc to define a new VPC";
        return new RuleCheck()
            .FailIf(existing && props.MaxAzs is not null, RuleIds.Net1, "MaxAzs", props.MaxAzs, NewOnly, Remove)
            .FailIf(existing && props.NatGateways is not null, RuleIds.Net1, "NatGateways", props.NatGateways, NewOnly, Remove)
            .FailIf(existing && props.CidrBlock is not null, RuleIds.Net1, "CidrBlock", props.CidrBlock, NewOnly, Remove)
            .FailIf(props.MaxAzs is < 2, RuleIds.Db1, "MaxAzs", props.MaxAzs,
                "must be at least 2",
                "The database is Multi-AZ (DB-1) and a failed node is replaced in another AZ (COMP-3): use 2 or more (default 3)")
            .FailIf(props.NatGateways is < 0, RuleIds.Net1, "NatGateways", props.NatGateways,
                "must not be negative", "Use 0 (no egress: needs InterfaceEndpoints and a private image registry) or more")
            .FailIf(!existing && (props.PublicSubnets ?? props.PrivateSubnets ?? props.DataSubnets) is not null,
                RuleIds.Net1, "PublicSubnets/PrivateSubnets/DataSubnets", "(set)",
                "select subnets of an existing Vpc and cannot be used with a new one",
                "Set Vpc to an existing VPC, or remove the subnet selections");
    }
}
