using Amazon.CDK.AWS.RDS;
using InstanceType = Amazon.CDK.AWS.EC2.InstanceType;

namespace Tfe.Cdk.Constructs;

/// <summary>What <see cref="TfeDrRegion"/> passes to its <see cref="TfeDrDataTier"/>.</summary>
internal sealed record TfeDrDataTierInputs
{
    public required ITfeNetwork Network { get; init; }
    public required TfeDrStorage Storage { get; init; }
    public required TfeDrNames Names { get; init; }
    public required bool Promoted { get; init; }
    public required string DatabaseName { get; init; }
    public required string DatabaseUsername { get; init; }
    public required double BackupRetentionDays { get; init; }
    public TfeDrRestoreSource? RestoreSource { get; init; }
    public InstanceType? DatabaseInstanceType { get; init; }
    public PostgresEngineVersion? EngineVersion { get; init; }

    /// <summary>The primary's IAM-authenticated login role (replication brings it here), or null with password authentication.</summary>
    public string? IamDatabaseUser { get; init; }
}
