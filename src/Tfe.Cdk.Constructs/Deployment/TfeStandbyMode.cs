namespace Tfe.Cdk.Constructs;

/// <summary>How the secondary region waits for a failover (DR-2, DR-3).</summary>
public enum TfeStandbyMode
{
    /// <summary>
    /// Warm standby: an RDS cross-region read replica follows the primary database continuously (RPO: the replica lag,
    /// seconds to minutes); the nodes stay at 0 until promotion, because TFE cannot run on a read-only replica.
    /// </summary>
    Warm,

    /// <summary>
    /// Cold standby: the primary database's automated backups are replicated into the secondary region (point-in-time
    /// restore there); no database runs in the secondary region until a failover restores one.
    /// </summary>
    Cold,
}
