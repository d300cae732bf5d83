namespace Tfe.Cdk.Constructs;

/// <summary>
/// The role of this deployment's record in a Route 53 failover pair for the TFE hostname (NET-3): the primary region's
/// deployment answers while its load balancer has healthy nodes; the secondary's answers when it has none.
/// </summary>
public enum TfeDnsFailover
{
    /// <summary>The record answers while the load balancer behind it has a healthy target.</summary>
    Primary,

    /// <summary>The record answers when the primary record is unhealthy.</summary>
    Secondary,
}
