using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SecretsManager;

namespace Tfe.Cdk.Constructs;

/// <summary>What a TFE node needs of the memory cache: its endpoint, port and how to authenticate (REDIS-1).</summary>
/// <remarks>Implemented by <see cref="TfeRedis"/>.</remarks>
public interface ITfeRedis : IConnectable
{
    /// <summary>The replication group's primary endpoint address.</summary>
    string EndpointAddress { get; }

    /// <summary>The port Redis listens on.</summary>
    int Port { get; }

    /// <summary>How the nodes authenticate: the AUTH token or IAM (<see cref="TfeRedisAuthentication"/>).</summary>
    TfeRedisAuthentication Authentication { get; }

    /// <summary>The secret holding the AUTH token; null for an imported cache that uses IAM authentication.</summary>
    /// <remarks>A <see cref="TfeRedis"/> keeps its token secret with IAM authentication too (retained, unread), so a switch never deletes it.</remarks>
    ISecret? AuthToken { get; }

    /// <summary>With IAM authentication, the replication group's id (<c>TFE_REDIS_PASSWORDLESS_AWS_HOST_NAME</c>); else null.</summary>
    string? ReplicationGroupId { get; }

    /// <summary>With IAM authentication, the ElastiCache user the nodes connect as (<c>TFE_REDIS_USER</c>; its id is its name); else null.</summary>
    string? IamUserName { get; }

    /// <summary>Grants reading the AUTH token, with its key.</summary>
    /// <exception cref="InvalidOperationException">The cache uses IAM authentication: it has no token to read.</exception>
    Grant GrantReadAuthToken(IGrantable grantee);

    /// <summary>
    /// Grants what a TFE node needs to authenticate: reading the AUTH token, or, with IAM authentication,
    /// <c>elasticache:Connect</c> on the replication group and the IAM user and nothing else.
    /// </summary>
    Grant GrantConnect(IGrantable grantee);
}
