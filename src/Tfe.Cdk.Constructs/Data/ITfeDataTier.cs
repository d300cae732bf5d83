using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SecretsManager;

namespace Tfe.Cdk.Constructs;

/// <summary>What a TFE node needs of the data tier: the PostgreSQL endpoint and credentials, the bucket and the key.</summary>
/// <remarks>Implemented by <see cref="TfeDataTier"/>.</remarks>
public interface ITfeDataTier : IConnectable
{
    /// <summary>The database's Multi-AZ endpoint address (DB-4).</summary>
    string DatabaseEndpointAddress { get; }

    /// <summary>The database port.</summary>
    string DatabasePort { get; }

    /// <summary>The name of TFE's database.</summary>
    string DatabaseName { get; }

    /// <summary>The database user TFE connects as.</summary>
    string DatabaseUsername { get; }

    /// <summary>The secret holding the database credentials (JSON with a <c>password</c> field).</summary>
    ISecret DatabaseSecret { get; }

    /// <summary>The application's object storage bucket (S3-1).</summary>
    IBucket Bucket { get; }

    /// <summary>The KMS key of the data at rest.</summary>
    IKey Key { get; }

    /// <summary>The bucket that receives access logs (S3 server access logs and load balancer logs).</summary>
    IBucket AccessLogsBucket { get; }

    /// <summary>Grants read and write on the bucket's objects, with the key.</summary>
    Grant GrantObjectStorageReadWrite(IGrantable grantee);

    /// <summary>Grants reading the database credentials, with the key.</summary>
    Grant GrantReadDatabaseSecret(IGrantable grantee);
}
