namespace Tfe.Cdk.Constructs;

/// <summary>How the TFE nodes authenticate to the memory cache (<see cref="TfeRedisOptions.Authentication"/>).</summary>
public enum TfeRedisAuthentication
{
    /// <summary>
    /// The Redis AUTH token: a generated secret in Secrets Manager, given to ElastiCache as the replication group's
    /// <c>AuthToken</c> and read by each node at boot into <c>TFE_REDIS_PASSWORD</c>.
    /// </summary>
    AuthToken,

    /// <summary>
    /// ElastiCache IAM authentication (passwordless): an ElastiCache user with authentication mode <c>iam</c> in a user
    /// group on the replication group; each node signs a short-lived token with its own role (<c>elasticache:Connect</c>)
    /// and the node's environment holds no Redis password. Needs Redis OSS 7.0 or later, TLS (always on here), and a TFE
    /// release whose documentation covers it (1.1.x and later).
    /// </summary>
    Iam,
}
