using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SecretsManager;

namespace Tfe.Cdk.Constructs;

/// <summary>What a TFE node needs of the memory cache: its endpoint, port and AUTH token (REDIS-1).</summary>
/// <remarks>Implemented by <see cref="TfeRedis"/>.</remarks>
public interface ITfeRedis : IConnectable
{
    /// <summary>The replication group's primary endpoint address.</summary>
    string EndpointAddress { get; }

    /// <summary>The port Redis listens on.</summary>
    int Port { get; }

    /// <summary>The secret holding the AUTH token.</summary>
    ISecret AuthToken { get; }

    /// <summary>Grants reading the AUTH token, with its key.</summary>
    Grant GrantReadAuthToken(IGrantable grantee);
}
