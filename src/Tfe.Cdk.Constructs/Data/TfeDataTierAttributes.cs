namespace Tfe.Cdk.Constructs;

/// <summary>
/// What <see cref="TfeDataTier.FromDataTierAttributes"/> needs to refer to a data tier defined elsewhere in the same
/// region (DB-4): typically the values of another stack's <see cref="TfeDataTier"/>, or of its stack outputs.
/// </summary>
public sealed record TfeDataTierAttributes
{
    /// <summary>The database's Multi-AZ endpoint address (<c>TFE_DATABASE_HOST</c>), for example <c>DatabaseEndpointAddress</c> of the other stack's data tier.</summary>
    public required string DatabaseEndpointAddress { get; init; }

    /// <summary>The database port.</summary>
    /// <remarks>Default: 5432.</remarks>
    public int? DatabasePort { get; init; }

    /// <summary>The name of TFE's database.</summary>
    /// <remarks>Default: tfe (the data tier's default).</remarks>
    public string? DatabaseName { get; init; }

    /// <summary>The database user TFE connects as.</summary>
    /// <remarks>Default: tfe (the data tier's default).</remarks>
    public string? DatabaseUsername { get; init; }

    /// <summary>The complete ARN (with its random suffix) of the secret holding the database credentials.</summary>
    /// <remarks>Default: - none; give this or <see cref="DatabaseSecretName"/>, not both.</remarks>
    public string? DatabaseSecretArn { get; init; }

    /// <summary>The name of the secret holding the database credentials, in this stack's account and region.</summary>
    /// <remarks>Default: - none; give this or <see cref="DatabaseSecretArn"/>, not both.</remarks>
    public string? DatabaseSecretName { get; init; }

    /// <summary>The name of TFE's object storage bucket.</summary>
    public required string BucketName { get; init; }

    /// <summary>The ARN of the KMS key that encrypts the bucket and the database secret.</summary>
    public required string KeyArn { get; init; }

    /// <summary>The id of the database's security group; the app tier adds the nodes' ingress to it.</summary>
    public required string SecurityGroupId { get; init; }

    /// <summary>The name of the bucket that receives access logs (an app tier writes its load balancer's logs there).</summary>
    /// <remarks>Default: - none; reading <see cref="ITfeDataTier.AccessLogsBucket"/> then throws, so an app tier in a stack with a known region needs it.</remarks>
    public string? AccessLogsBucketName { get; init; }
}
