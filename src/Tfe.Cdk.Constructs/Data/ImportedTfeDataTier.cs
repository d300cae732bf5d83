using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>A data tier defined elsewhere, referred to by its attributes (<see cref="TfeDataTier.FromDataTierAttributes"/>).</summary>
internal sealed class ImportedTfeDataTier : Construct, ITfeDataTier
{
    private readonly IBucket? _accessLogsBucket;

    public ImportedTfeDataTier(Construct scope, string id, TfeDataTierAttributes attributes)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        Check(attributes).ThrowIfAny(this);

        var port = attributes.DatabasePort ?? 5432;
        DatabaseEndpointAddress = attributes.DatabaseEndpointAddress;
        DatabasePort = port.ToString(CultureInfo.InvariantCulture);
        DatabaseName = attributes.DatabaseName ?? Defaults.DatabaseName;
        DatabaseUsername = attributes.DatabaseUsername ?? Defaults.DatabaseUsername;
        Key = Amazon.CDK.AWS.KMS.Key.FromKeyArn(this, "Key", attributes.KeyArn);

        // With the key, GrantRead also grants kms:Decrypt through Secrets Manager, as for the data tier's own secret.
        var stack = Stack.Of(this);
        DatabaseSecret = Secret.FromSecretAttributes(this, "DatabaseSecret", new SecretAttributes
        {
            SecretCompleteArn = attributes.DatabaseSecretArn,
            SecretPartialArn = attributes.DatabaseSecretName is { } name
                ? $"arn:{stack.Partition}:secretsmanager:{stack.Region}:{stack.Account}:secret:{name}"
                : null,
            EncryptionKey = Key,
        });
        Bucket = Amazon.CDK.AWS.S3.Bucket.FromBucketAttributes(this, "Bucket", new BucketAttributes
        {
            BucketName = attributes.BucketName,
            EncryptionKey = Key,
        });
        _accessLogsBucket = attributes.AccessLogsBucketName is { } logs
            ? Amazon.CDK.AWS.S3.Bucket.FromBucketName(this, "AccessLogsBucket", logs)
            : null;
        var securityGroup = SecurityGroup.FromSecurityGroupId(this, "SecurityGroup", attributes.SecurityGroupId,
            new SecurityGroupImportOptions { AllowAllOutbound = false });
        Connections = new Connections_(new ConnectionsProps { SecurityGroups = [securityGroup], DefaultPort = Port.Tcp(port) });
    }

    public string DatabaseEndpointAddress { get; }

    public string DatabasePort { get; }

    public string DatabaseName { get; }

    public string DatabaseUsername { get; }

    public ISecret DatabaseSecret { get; }

    public IBucket Bucket { get; }

    public IKey Key { get; }

    public IBucket AccessLogsBucket => _accessLogsBucket ?? throw new InvalidOperationException(
        $"{Node.Path}: AccessLogsBucket of an imported data tier was not supplied. Pass AccessLogsBucketName to "
        + "TfeDataTier.FromDataTierAttributes (the app tier writes its load balancer's access logs there).");

    public Connections_ Connections { get; }

    public Grant GrantObjectStorageReadWrite(IGrantable grantee) => ObjectStorageGrants.ReadWrite(grantee, Bucket, Key);

    public Grant GrantReadDatabaseSecret(IGrantable grantee) => DatabaseSecret.GrantRead(grantee);

    /// <summary>DB-4: the database is reached by its endpoint, with its secret, bucket, key and security group, in the same region.</summary>
    internal static RuleCheck Check(TfeDataTierAttributes a)
    {
        const string Import = "Pass the value of the other stack's TfeDataTier (or of its stack output)";
        return new RuleCheck()
            .FailIf(string.IsNullOrWhiteSpace(a.DatabaseEndpointAddress), RuleIds.Db4, "DatabaseEndpointAddress", a.DatabaseEndpointAddress,
                "must be the database's Multi-AZ endpoint address", Import + " DatabaseEndpointAddress")
            .FailIf(a.DatabaseSecretArn is null && a.DatabaseSecretName is null, RuleIds.Db4, "DatabaseSecretArn/DatabaseSecretName", null,
                "must name the secret with the database credentials", "Pass DatabaseSecretArn (the complete ARN) or DatabaseSecretName")
            .FailIf(a.DatabaseSecretArn is not null && a.DatabaseSecretName is not null, RuleIds.Db4, "DatabaseSecretName", a.DatabaseSecretName,
                "cannot be combined with DatabaseSecretArn", "Pass one of DatabaseSecretArn and DatabaseSecretName")
            .FailIf(a.DatabaseSecretArn is "" || a.DatabaseSecretName is "", RuleIds.Db4, "DatabaseSecretArn/DatabaseSecretName", string.Empty,
                "must not be empty", "Pass the secret's complete ARN or its name")
            .FailIf(a.DatabasePort is < 1 or > 65535, RuleIds.Db4, "DatabasePort", a.DatabasePort,
                "must be a TCP port (1 to 65535)", "Pass the database endpoint's port, or leave it unset for 5432")
            .FailIf(string.IsNullOrWhiteSpace(a.BucketName), RuleIds.Db4, "BucketName", a.BucketName,
                "must name TFE's object storage bucket", Import + " Bucket.BucketName")
            .FailIf(string.IsNullOrWhiteSpace(a.KeyArn), RuleIds.Db4, "KeyArn", a.KeyArn,
                "must be the ARN of the data tier's KMS key", Import + " Key.KeyArn")
            .FailIf(string.IsNullOrWhiteSpace(a.SecurityGroupId), RuleIds.Db4, "SecurityGroupId", a.SecurityGroupId,
                "must be the database's security group id (the nodes' ingress is added to it)",
                Import + " Connections.SecurityGroups[0].SecurityGroupId");
    }
}
