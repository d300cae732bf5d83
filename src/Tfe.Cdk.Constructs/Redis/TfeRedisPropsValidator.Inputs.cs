using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>The cache's input checks (issue #9): required objects, tokens, names, ARNs and the data subnets.</summary>
internal static partial class TfeRedisPropsValidator
{
    /// <summary>The checks that need the props' objects; <see cref="Check"/> runs on the resolved plain values after them.</summary>
    public static RuleCheck CheckInputs(TfeRedisOptions props, IConstruct scope)
    {
        var check = new RuleCheck();
        var region = Stack.Of(scope).Region;
        if (props is TfeRedisProps { Network: null })
        {
            Inputs.RefuseNull(check, RuleIds.Redis1, "Network", null, "Pass the TfeNetwork whose data subnets hold the cache");
        }

        Inputs.RefuseTokenNumber(check, RuleIds.Redis7, "Port", props.Port);
        Inputs.RefuseUndefined(check, RuleIds.Redis7, "Authentication", props.Authentication);
        if (props.NodeType is { } nodeType)
        {
            if (RuleCheck.IsToken(nodeType))
            {
                Inputs.WarnToken(check, RuleIds.Redis6, "NodeType", "its form (cache.<family>.<size>)");
            }
            else if (CacheNodeType().IsMatch(nodeType.Trim()) && InstanceTypeNames.Problem(nodeType, InstanceTypeKind.Cache, Defaults.RedisNodeType) is { } problem)
            {
                check.FailIf(true, RuleIds.Redis6, "NodeType", nodeType, problem.Problem, problem.Fix);
            }
        }

        Inputs.RefuseToken(check, RuleIds.Redis8, "EngineVersion", props.EngineVersion?.Version,
            "it decides the ElastiCache parameter group family and whether minor upgrades apply");
        Inputs.CheckArn(check, RuleIds.Redis7, "EncryptionKey", props.EncryptionKey?.KeyArn, "kms", region,
            "ElastiCache encrypts only with a KMS key of its own region");
        Inputs.CheckArn(check, RuleIds.Ops2, "AlarmTopic", props.AlarmTopic?.TopicArn, "sns", region,
            "CloudWatch alarms notify topics of their own region");
        return check;
    }

    /// <summary>The data subnets, or null (with a violation) when the network or its selection gives none.</summary>
    public static ISelectedSubnets? SelectDataSubnets(RuleCheck check, ITfeNetwork? network)
    {
        if (network is null)
        {
            return null;
        }

        if (network.Vpc is null)
        {
            Inputs.RefuseNull(check, RuleIds.Redis1, "Network.Vpc", null, "The network must carry a VPC");
            return null;
        }

        return Inputs.SelectSubnets(check, RuleIds.Redis7, "Network.DataSubnets", network.Vpc, network.DataSubnets,
            "Select the VPC's private or isolated subnets for the cache");
    }
}
