namespace Tfe.Cdk.Constructs;

/// <summary>The network's advice: the third step of its validator (docs/validation.md, "The shape of a validator").</summary>
internal static partial class TfeNetworkPropsValidator
{
    /// <summary>The warnings the props deserve: allowed, but discouraged by the reference.</summary>
    public static IReadOnlyList<Advice> Advise(TfeNetworkProps props) =>
        props.S3GatewayEndpoint == false
            ? [new Advice("noS3Endpoint", RuleIds.S32,
                "S3GatewayEndpoint is false: the reference recommends a VPC endpoint for S3 in the nodes' VPC. Make sure the VPC already has one.")]
            : [];
}
