using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;
using Ec2Port = Amazon.CDK.AWS.EC2.Port;

namespace Tfe.Cdk.Constructs;

/// <summary>A memory cache defined elsewhere, referred to by its attributes (<see cref="TfeRedis.FromRedisAttributes"/>).</summary>
internal sealed class ImportedTfeRedis : Construct, ITfeRedis
{
    public ImportedTfeRedis(Construct scope, string id, TfeRedisAttributes attributes)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        Check(attributes).ThrowIfAny(this);

        EndpointAddress = attributes.EndpointAddress;
        Port = attributes.Port ?? Defaults.RedisPort;
        var stack = Stack.Of(this);
        Authentication = attributes.IamUserName is null ? TfeRedisAuthentication.AuthToken : TfeRedisAuthentication.Iam;
        IamUserName = attributes.IamUserName;
        ReplicationGroupId = attributes.IamUserName is null ? null : attributes.ReplicationGroupId;
        AuthToken = Authentication == TfeRedisAuthentication.Iam ? null : Secret.FromSecretAttributes(this, "AuthToken", new SecretAttributes
        {
            SecretCompleteArn = attributes.AuthTokenSecretArn,
            SecretPartialArn = attributes.AuthTokenSecretName is { } name
                ? $"arn:{stack.Partition}:secretsmanager:{stack.Region}:{stack.Account}:secret:{name}"
                : null,
            EncryptionKey = attributes.AuthTokenKeyArn is { } keyArn ? Key.FromKeyArn(this, "Key", keyArn) : null,
        });
        var securityGroup = SecurityGroup.FromSecurityGroupId(this, "SecurityGroup", attributes.SecurityGroupId,
            new SecurityGroupImportOptions { AllowAllOutbound = false });
        Connections = new Connections_(new ConnectionsProps { SecurityGroups = [securityGroup], DefaultPort = Ec2Port.Tcp(Port) });
    }

    public string EndpointAddress { get; }

    public int Port { get; }

    public ISecret? AuthToken { get; }

    public TfeRedisAuthentication Authentication { get; }

    public string? ReplicationGroupId { get; }

    public string? IamUserName { get; }

    public Connections_ Connections { get; }

    public Grant GrantReadAuthToken(IGrantable grantee) => AuthToken?.GrantRead(grantee)
        ?? throw new InvalidOperationException($"{Node.Path} uses IAM authentication (IamUserName): it has no AUTH token to read; grant GrantConnect.");

    public Grant GrantConnect(IGrantable grantee) => AuthToken is null
        ? TfeRedisIamAccess.GrantConnect(grantee, Stack.Of(this), ReplicationGroupId!, IamUserName!)
        : GrantReadAuthToken(grantee);

    /// <summary>REDIS-7: the cache is reached at its endpoint, with its AUTH token or its IAM user, through its security group.</summary>
    internal static RuleCheck Check(TfeRedisAttributes a) => new RuleCheck()
        .FailIf(string.IsNullOrWhiteSpace(a.EndpointAddress), RuleIds.Redis7, "EndpointAddress", a.EndpointAddress,
            "must be the replication group's primary endpoint address", "Pass the other stack's TfeRedis.EndpointAddress")
        .FailIf(a.AuthTokenSecretArn is null && a.AuthTokenSecretName is null && a.IamUserName is null, RuleIds.Redis7, "AuthTokenSecretArn/AuthTokenSecretName", null,
            "must name the secret with the AUTH token", "Pass AuthTokenSecretArn (the complete ARN) or AuthTokenSecretName, or IamUserName and ReplicationGroupId for IAM authentication")
        .FailIf(a.IamUserName is not null && (a.AuthTokenSecretArn is not null || a.AuthTokenSecretName is not null), RuleIds.Redis7, "IamUserName", a.IamUserName,
            "cannot be combined with an AUTH token secret (a cache uses IAM authentication or its AUTH token, not both)", "Pass IamUserName and ReplicationGroupId, or AuthTokenSecretArn/AuthTokenSecretName")
        .FailIf(a.IamUserName is not null && string.IsNullOrWhiteSpace(a.IamUserName), RuleIds.Redis7, "IamUserName", a.IamUserName,
            "must be the ElastiCache user with IAM authentication (its id is its name)", "Pass the other stack's TfeRedis.IamUserName")
        .FailIf(a.IamUserName is not null && string.IsNullOrWhiteSpace(a.ReplicationGroupId), RuleIds.Redis7, "ReplicationGroupId", a.ReplicationGroupId,
            "must be the replication group's id with IamUserName (TFE signs its IAM token for it, and elasticache:Connect names it)", "Pass the other stack's TfeRedis.ReplicationGroupId")
        .FailIf(a.IamUserName is null && a.ReplicationGroupId is not null, RuleIds.Redis7, "ReplicationGroupId", a.ReplicationGroupId,
            "is only used with IamUserName (IAM authentication)", "Remove ReplicationGroupId, or pass IamUserName too")
        .FailIf(a.AuthTokenSecretArn is not null && a.AuthTokenSecretName is not null, RuleIds.Redis7, "AuthTokenSecretName", a.AuthTokenSecretName,
            "cannot be combined with AuthTokenSecretArn", "Pass one of AuthTokenSecretArn and AuthTokenSecretName")
        .FailIf(a.Port is < 1 or > 65535, RuleIds.Redis7, "Port", a.Port,
            "must be a TCP port (1 to 65535)", "Pass the cache's port, or leave it unset for 6379")
        .FailIf(string.IsNullOrWhiteSpace(a.SecurityGroupId), RuleIds.Redis7, "SecurityGroupId", a.SecurityGroupId,
            "must be the cache's security group id (the nodes' ingress is added to it)", "Pass the other stack's TfeRedis.SecurityGroup.SecurityGroupId");
}
