namespace Tfe.Cdk.Constructs;

/// <summary>The load balancer in front of the TFE nodes (NET-1); each follows the reference's TLS rules.</summary>
public enum TfeLoadBalancerType
{
    /// <summary>Application Load Balancer: terminates TLS with an ACM certificate and talks TLS to the nodes (TLS-2).</summary>
    Application,

    /// <summary>Network Load Balancer: passes TCP 443 through; TLS terminates on the node (TLS-3, TLS-5, TLS-6).</summary>
    Network,

    /// <summary>Classic Load Balancer: terminates TLS with an ACM certificate and talks TLS to the nodes (TLS-2).</summary>
    Classic,
}
