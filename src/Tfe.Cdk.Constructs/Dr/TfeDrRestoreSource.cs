namespace Tfe.Cdk.Constructs;

/// <summary>
/// Where a cold standby's database is restored from at failover (DR-3): the primary's automated backups replicated into
/// the secondary region (point-in-time, the latest restorable time), or a snapshot in the secondary region.
/// </summary>
/// <remarks>
/// Keep the same source on every later deployment of the DR stack: the restore properties are create-only, so removing or
/// changing them replaces the restored database with a new one.
/// </remarks>
public sealed class TfeDrRestoreSource
{
    private TfeDrRestoreSource(bool automatedBackups, string value)
    {
        IsAutomatedBackups = automatedBackups;
        Value = value;
    }

    /// <summary>
    /// The replicated automated backups, by ARN (<c>arn:aws:rds:&lt;dr-region&gt;:&lt;account&gt;:auto-backup:ab-…</c>, from
    /// <c>aws rds describe-db-instance-automated-backups --region &lt;dr-region&gt;</c>); restored to the latest restorable time.
    /// </summary>
    /// <param name="automatedBackupsArn">The ARN of the replicated automated backups in the secondary region.</param>
    public static TfeDrRestoreSource FromAutomatedBackups(string automatedBackupsArn) => new(true, automatedBackupsArn);

    /// <summary>A DB snapshot in the secondary region (for example an AWS Backup copy), by identifier or ARN.</summary>
    /// <param name="snapshotIdentifier">The snapshot identifier or ARN.</param>
    public static TfeDrRestoreSource FromSnapshot(string snapshotIdentifier) => new(false, snapshotIdentifier);

    /// <summary>True for replicated automated backups, false for a snapshot.</summary>
    public bool IsAutomatedBackups { get; }

    /// <summary>The ARN of the automated backups, or the snapshot identifier or ARN.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override string ToString() => (IsAutomatedBackups ? "FromAutomatedBackups(" : "FromSnapshot(") + Value + ")";
}
