using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ElasticLoadBalancing;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.Route53;

namespace Tfe.Cdk.Constructs;

/// <summary>What the app tier keeps of the load balancer it built, whatever its type.</summary>
internal sealed record TfeLoadBalancerParts
{
    public required string DnsName { get; init; }
    public required RecordTarget AliasTarget { get; init; }
    /// <summary>The target group's (or CLB's) healthy host count, with the caller's statistic and period.</summary>
    public required Func<MetricOptions, IMetric> HealthyHosts { get; init; }

    /// <summary>The target group's (or CLB's) unhealthy host count, with the caller's statistic and period.</summary>
    public required Func<MetricOptions, IMetric> UnhealthyHosts { get; init; }
    public ApplicationLoadBalancer? Application { get; init; }
    public NetworkLoadBalancer? Network { get; init; }
    public LoadBalancer? Classic { get; init; }

    /// <summary>The target group the nodes register their own IPs with (internal NLB), or null.</summary>
    public NetworkTargetGroup? SelfRegisteredTargetGroup { get; init; }
    public ISecurityGroup? SecurityGroup { get; init; }
}
