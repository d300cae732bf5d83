namespace Tfe.Cdk.Constructs;

/// <summary>How a Network Load Balancer addresses the TFE nodes (TLS-5).</summary>
public enum TfeTargetType
{
    /// <summary>By instance id: the Auto Scaling group registers its instances. Not usable with an internal NLB (no loopback).</summary>
    Instance,

    /// <summary>By private IP: each node registers its own address at boot and deregisters it at shutdown.</summary>
    Ip,
}
