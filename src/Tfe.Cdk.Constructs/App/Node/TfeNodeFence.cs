namespace Tfe.Cdk.Constructs;

/// <summary>
/// The fail-back fence of a DR pair's primary nodes (DR-5, docs/disaster-recovery.md): before TFE starts, a node reads
/// the DR region's latch alarm <c>&lt;prefix&gt;-&lt;dr&gt;-standby-intact</c> (<see cref="TfeDrLatch"/>) and starts only
/// when it is <c>OK</c> (tfe-fence.sh). Every name is computed from <see cref="TfeDisasterRecovery"/>, so the primary
/// knows them at synth time and its node role is granted the read once, at deploy (<see cref="NodeRolePolicy.AllowFailBackFence"/>): failover
/// changes no IAM policy.
/// </summary>
/// <param name="DrRegion">The region whose alarm is read.</param>
/// <param name="AlarmName">The latch alarm that is OK while the standby database was neither promoted nor restored.</param>
/// <param name="OverrideParameterName">The SSM parameter (primary region) an operator sets to <c>start-once</c> to let one boot past a closed fence.</param>
internal sealed record TfeNodeFence(string DrRegion, string AlarmName, string OverrideParameterName)
{
    /// <summary>The value of the override parameter that lets one boot through.</summary>
    public const string OverrideValue = "start-once";

    /// <summary>The fence of the primary of <paramref name="dr"/>.</summary>
    public static TfeNodeFence For(TfeDisasterRecovery dr) =>
        new(dr.DrRegion, TfeDrLatch.IntactAlarmName(dr), $"/{dr.NamePrefix}/fence-override");
}
