namespace Tfe.Cdk.Constructs;

/// <summary>
/// What <see cref="TfeRedis.FromRedisAttributes"/> needs to refer to a memory cache defined elsewhere in the same
/// region: typically the values of another stack's <see cref="TfeRedis"/>.
/// </summary>
public sealed record TfeRedisAttributes
{
    /// <summary>The replication group's primary endpoint address (<c>TFE_REDIS_HOST</c>).</summary>
    public required string EndpointAddress { get; init; }

    /// <summary>The port Redis listens on.</summary>
    /// <remarks>Default: 6379.</remarks>
    public int? Port { get; init; }

    /// <summary>The complete ARN (with its random suffix) of the secret holding the AUTH token.</summary>
    /// <remarks>Default: - none; give this or <see cref="AuthTokenSecretName"/>, not both, or <see cref="IamUserName"/> instead.</remarks>
    public string? AuthTokenSecretArn { get; init; }

    /// <summary>The name of the secret holding the AUTH token, in this stack's account and region.</summary>
    /// <remarks>Default: - none; give this or <see cref="AuthTokenSecretArn"/>, not both, or <see cref="IamUserName"/> instead.</remarks>
    public string? AuthTokenSecretName { get; init; }

    /// <summary>The ARN of the KMS key the AUTH token secret is encrypted with, so reading it also grants decrypting it.</summary>
    /// <remarks>Default: - none: the secret is taken to use the AWS managed key of Secrets Manager, which needs no grant.</remarks>
    public string? AuthTokenKeyArn { get; init; }

    /// <summary>
    /// The ElastiCache user with IAM authentication the nodes connect as (<c>TFE_REDIS_USER</c>; for IAM users the id is the
    /// name): the cache uses IAM authentication instead of an AUTH token; another stack's <c>TfeRedis.IamUserName</c>.
    /// </summary>
    /// <remarks>Default: - none: the cache uses its AUTH token. Give it with <see cref="ReplicationGroupId"/> and without an AUTH token secret.</remarks>
    public string? IamUserName { get; init; }

    /// <summary>
    /// The replication group's id (<c>TFE_REDIS_PASSWORDLESS_AWS_HOST_NAME</c>: the name TFE signs its IAM token for), needed
    /// with <see cref="IamUserName"/>; another stack's <c>TfeRedis.ReplicationGroupId</c>.
    /// </summary>
    /// <remarks>Default: - none; required with <see cref="IamUserName"/>.</remarks>
    public string? ReplicationGroupId { get; init; }

    /// <summary>The id of the cache's security group; the app tier adds the nodes' ingress to it (REDIS-7).</summary>
    public required string SecurityGroupId { get; init; }
}
