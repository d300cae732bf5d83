namespace Tfe.Cdk.Constructs;

/// <summary>
/// The deterministic names the primary, DR storage and DR stacks agree on, computed from <see cref="TfeDisasterRecovery"/>
/// and the account: plain strings known to every stack at synth time, so no value crosses regions as a token.
/// </summary>
internal sealed record TfeDrNames(TfeDisasterRecovery Settings, string Account, string Partition)
{
    public string Prefix => Settings.NamePrefix;

    public TfeStandbyMode StandbyMode => Settings.StandbyMode ?? TfeStandbyMode.Warm;

    /// <summary>The primary deployment's physical names (adopted ones included); null: the prefix's.</summary>
    public TfePhysicalNames? Physical { get; init; }

    /// <summary>The DR database identifier (identifiers are regional; the same as the primary's unless the primary's were adopted).</summary>
    public string DatabaseIdentifier => $"{Prefix}-db";

    public string DatabaseSecretName => Physical?.DatabaseSecretName ?? $"{Prefix}/database";

    public string EncryptionPasswordSecretName => Physical?.EncryptionPasswordSecretName ?? $"{Prefix}/encryption-password";

    /// <summary>The primary database's ARN, the replica's source.</summary>
    public string PrimaryDatabaseArn => $"arn:{Partition}:rds:{Settings.PrimaryRegion}:{Account}:db:{Physical?.DatabaseIdentifier ?? DatabaseIdentifier}";

    public string DrBucketName => $"{Prefix}-app-{Settings.DrRegion}-{Account}";

    public string DrBucketArn => $"arn:{Partition}:s3:::{DrBucketName}";

    public string DrKeyAliasName => $"alias/{Prefix}-dr-data";

    /// <summary>The DR key by alias ARN: documented for S3 replication and secret replicas (RDS backup replication takes a key ARN, <see cref="TfeDisasterRecovery.BackupReplicationKeyArn"/>).</summary>
    public string DrKeyAliasArn => $"arn:{Partition}:kms:{Settings.DrRegion}:{Account}:{DrKeyAliasName}";

    /// <summary>Any key of the DR region; IAM statements narrow it to the DR key with <c>kms:ResourceAliases</c>.</summary>
    public string DrKeysArn => $"arn:{Partition}:kms:{Settings.DrRegion}:{Account}:key/*";

    /// <summary>The CloudWatch alarm that is OK while a region's load balancer has a healthy TFE node.</summary>
    public string ServingAlarmName(string region) => $"{Prefix}-{region}-serving";

    /// <summary>The failover record's set identifier of a region.</summary>
    public string SetIdentifier(string region) => $"{Prefix}-{region}";

    /// <summary>The per-region canonical name (NET-3) in the zone: reach one region directly, for example during a drill.</summary>
    public string RegionalRecordName(string region, string zoneName) => $"{Prefix}-{region}.{zoneName.TrimEnd('.')}.";
}
