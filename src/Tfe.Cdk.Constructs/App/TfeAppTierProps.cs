using System.Diagnostics.CodeAnalysis;

namespace Tfe.Cdk.Constructs;

/// <summary>Properties for <see cref="TfeAppTier"/>: the options plus the tiers the nodes are wired to.</summary>
public sealed record TfeAppTierProps : TfeAppTierOptions
{
    /// <summary>Defines empty props; set the required members in an object initializer.</summary>
    public TfeAppTierProps()
    {
    }

    /// <summary>Copies the user's options (from a topology's props) into app-tier props; set the wiring members after.</summary>
    [SetsRequiredMembers]
    internal TfeAppTierProps(TfeAppTierOptions options, ITfeNetwork network, ITfeDataTier dataTier)
        : base(options)
    {
        Network = network;
        DataTier = dataTier;
    }

    /// <summary>The network the nodes and the load balancer are placed in.</summary>
    public required ITfeNetwork Network { get; init; }

    /// <summary>The data tier: PostgreSQL, the bucket and the key the nodes use.</summary>
    public required ITfeDataTier DataTier { get; init; }

    /// <summary>TFE's operational mode.</summary>
    /// <remarks>Default: <see cref="TfeOperationalMode.External"/>.</remarks>
    public TfeOperationalMode? OperationalMode { get; init; }

    /// <summary>The shared memory cache; required for <see cref="TfeOperationalMode.ActiveActive"/> (MODE-2).</summary>
    /// <remarks>Default: - none: required in active/active (MODE-2), refused in external mode (MODE-1), where TFE keeps its
    /// own Redis inside the container.</remarks>
    public ITfeRedis? Redis { get; init; }

    /// <summary>How many TFE nodes run; the Auto Scaling group is pinned to min = max = desired = this (MODE-1, MODE-4).</summary>
    /// <remarks>Default: 1 for external mode (the only value allowed, MODE-1); 2 for active/active (1 to 5 allowed).</remarks>
    public int? NodeCount { get; init; }

    /// <summary>
    /// Active/active: the longest a leaving node (scale-in, replacement, upgrade) may take to finish its active runs
    /// after it stops taking new work, before it is terminated anyway (OPS-3).
    /// </summary>
    /// <remarks>
    /// Default: 30 minutes. Between 5 and 40 minutes, active/active only: a change of the launch template replaces every
    /// node at once, and the new nodes wait out the old ones' drain inside one BootTimeout (at most 60 minutes, of which
    /// 20 are kept for starting TFE). Drain by hand before deploying when runs take longer (docs/node-lifecycle.md).
    /// </remarks>
    public Amazon.CDK.Duration? DrainTimeout { get; init; }

    /// <summary>
    /// A standby group at rest (<see cref="TfeDrRegion"/> before failover): min = max = 0, no creation signals, no rolling
    /// update; <see cref="NodeCount"/> is the size it takes when promoted.
    /// </summary>
    internal bool AtRest { get; init; }

    /// <summary>A DR pair's primary: the fail-back fence its nodes pass before starting TFE (DR-5); null for none.</summary>
    internal TfeNodeFence? Fence { get; init; }
}
