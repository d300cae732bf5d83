namespace Tfe.Cdk.Constructs;

/// <summary>The rules a <see cref="TfeNetworkProps"/> must follow.</summary>
internal static partial class TfeNetworkPropsValidator
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
            .FailIf(existing && props.FlowLogsEncryptionKey is not null, RuleIds.Net1, "FlowLogsEncryptionKey", RuleCheck.Describe("(set)"),
                "only encrypts the flow logs of a new VPC (an existing VPC's flow logs are its owner's business), so it would be ignored", Remove)
            .FailIf(!existing && props.FlowLogs == false && props.FlowLogsEncryptionKey is not null, RuleIds.Net1, "FlowLogsEncryptionKey", RuleCheck.Describe("(set)"),
                "encrypts the flow logs, which FlowLogs = false turns off, so it would be ignored",
                "Remove FlowLogs = false (flow logs are on by default), or remove FlowLogsEncryptionKey")
            .FailIf(props.MaxAzs is < 2 and not int.MinValue, RuleIds.Db1, "MaxAzs", props.MaxAzs,
                "must be at least 2",
                "The database is Multi-AZ (DB-1) and a failed node is replaced in another AZ (COMP-3): use 2 or more (default 3)")
            .FailIf(props.NatGateways is < 1 and not int.MinValue, RuleIds.Net1, "NatGateways", props.NatGateways,
                "must be at least 1: the nodes' private subnets route out through NAT, and each node pulls the terraform-enterprise image from images.releases.hashicorp.com",
                "Use 1 (one shared NAT gateway) or more (default: one per AZ, so losing an AZ does not cut the others' egress)")
            .FailIf(!existing && (props.PublicSubnets ?? props.PrivateSubnets ?? props.DataSubnets) is not null,
                RuleIds.Net1, "PublicSubnets/PrivateSubnets/DataSubnets", RuleCheck.Describe("(set)"),
                "select subnets of an existing Vpc and cannot be used with a new one",
                "Set Vpc to an existing VPC, or remove the subnet selections");
    }
}
