namespace Tfe.Cdk.Constructs;

/// <summary>
/// What a node needs to sign in to ElastiCache with its role (<see cref="TfeRedisAuthentication.Iam"/>): the ElastiCache
/// user and the replication group's id. No password: TFE signs a short-lived token with the instance profile.
/// </summary>
/// <param name="UserName">The ElastiCache user with IAM authentication (<c>TFE_REDIS_USER</c>).</param>
/// <param name="ReplicationGroupId">The replication group's id (<c>TFE_REDIS_PASSWORDLESS_AWS_HOST_NAME</c>); a token until deployment.</param>
internal sealed record TfeRedisIamLogin(string UserName, string ReplicationGroupId)
{
    /// <summary>The login of a cache that uses IAM authentication, or null.</summary>
    public static TfeRedisIamLogin? Of(ITfeRedis? redis) =>
        redis is { Authentication: TfeRedisAuthentication.Iam, IamUserName: { } user, ReplicationGroupId: { } group } ? new(user, group) : null;

    /// <summary>
    /// The settings of HashiCorp's connect-redis page, "AWS IAM" (1.1.x and later): the instance profile, the cache's region,
    /// "the name of the Redis instance" (the replication group id, which the signed token names) and the IAM-enabled user.
    /// <c>TFE_REDIS_USE_TLS</c> is set beside them; <c>TFE_REDIS_USE_AUTH</c> and <c>TFE_REDIS_PASSWORD</c> are not, as the
    /// page lists neither for AWS IAM.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> Settings(string region) =>
    [
        new("TFE_REDIS_USER", UserName),
        new("TFE_REDIS_PASSWORDLESS_AWS_USE_INSTANCE_PROFILE", "true"),
        new("TFE_REDIS_PASSWORDLESS_AWS_REGION", region),
        new("TFE_REDIS_PASSWORDLESS_AWS_HOST_NAME", ReplicationGroupId),
    ];
}
