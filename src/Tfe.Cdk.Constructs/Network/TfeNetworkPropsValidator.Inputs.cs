using Amazon.CDK;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>The network's input checks (issue #9): the new VPC's range, numbers that arrived as tokens, the flow-log key's region.</summary>
internal static partial class TfeNetworkPropsValidator
{
    /// <summary>The largest prefix AWS allows for a VPC's range is /28, the smallest /16.</summary>
    private const int MinVpcPrefix = 16;
    private const int MaxVpcPrefix = 28;

    /// <summary>The checks beside <see cref="Check"/>: the CIDR, token numbers.</summary>
    /// <param name="props">The props.</param>
    /// <param name="scope">The network construct (for its stack's Availability Zones).</param>
    public static RuleCheck CheckInputs(TfeNetworkProps props, IConstruct scope)
    {
        var check = new RuleCheck();
        Inputs.RefuseTokenNumber(check, RuleIds.Db1, "MaxAzs", props.MaxAzs);
        Inputs.RefuseTokenNumber(check, RuleIds.Net1, "NatGateways", props.NatGateways);
        Inputs.CheckArn(check, RuleIds.Net1, "FlowLogsEncryptionKey", props.FlowLogsEncryptionKey?.KeyArn, "kms", Stack.Of(scope).Region,
            "CloudWatch Logs encrypts a log group only with a KMS key of the log group's region");
        var maxAzs = props.MaxAzs is { } requested and > 0 ? requested : Defaults.MaxAzs;
        check.FailIf(props.Vpc is null && props.NatGateways > maxAzs, RuleIds.Net1, "NatGateways", props.NatGateways,
            $"asks for more NAT gateways than the new VPC has Availability Zones ({maxAzs}): each AZ's public subnet holds at most one",
            $"Use 1 to {maxAzs} (default: one per AZ)");
        if (props.Vpc is not null || props.CidrBlock is not { } cidr)
        {
            return check;
        }

        if (Inputs.RefuseToken(check, RuleIds.Net1, "CidrBlock", cidr, "the subnets of a new VPC are carved out of it at synth time"))
        {
            return check;
        }

        var parsed = Inputs.ParseCidr(cidr);
        if (parsed is not { } range)
        {
            check.FailIf(true, RuleIds.Net1, "CidrBlock", cidr, "is not an IPv4 CIDR block", $"Use a private range such as {Defaults.VpcCidr}");
            return check;
        }

        check.FailIf(range.Prefix is < MinVpcPrefix or > MaxVpcPrefix, RuleIds.Net1, "CidrBlock", cidr,
            $"has a prefix outside what AWS allows for a VPC (/{MinVpcPrefix} to /{MaxVpcPrefix})", $"Use a /{MinVpcPrefix} such as {Defaults.VpcCidr}");
        check.FailIf(range.HostBitsSet, RuleIds.Net1, "CidrBlock", cidr, "has host bits set: it is not the first address of its range",
            $"Use the network address, such as {Inputs.FormatCidr(range.Network, range.Prefix)}");
        if (range.Prefix is >= MinVpcPrefix and <= MaxVpcPrefix)
        {
            var zones = Math.Min(props.MaxAzs is { } max and > 0 ? max : Defaults.MaxAzs, Stack.Of(scope).AvailabilityZones.Length);
            var needed = AddressesNeeded(zones);
            check.FailIf(needed > 1L << (32 - range.Prefix), RuleIds.Net1, "CidrBlock", cidr,
                $"is too small for the subnets of {zones} Availability Zones (a /24 public, a /20 private and a /24 data subnet in each: {needed} addresses)",
                $"Use a /{32 - (int)Math.Ceiling(Math.Log2(needed))} or larger, such as {Defaults.VpcCidr}");
        }

        return check;
    }

    /// <summary>
    /// How many addresses the new VPC's layout takes when the CDK allocates it: per subnet group (public /24, private /20,
    /// data /24), one subnet per AZ, each aligned to its size.
    /// </summary>
    private static long AddressesNeeded(int zones)
    {
        long next = 0;
        foreach (var mask in new[] { 24, 20, 24 })
        {
            var size = 1L << (32 - mask);
            for (var i = 0; i < zones; i++)
            {
                next = ((next + size - 1) / size * size) + size;
            }
        }

        return next;
    }
}
