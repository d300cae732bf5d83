using System.Security.Cryptography;
using System.Text;
using Amazon.CDK;
using Amazon.CDK.AWS.ElastiCache;
using Amazon.CDK.AWS.IAM;
using CfnUser = Amazon.CDK.AWS.ElastiCache.CfnUser;
using CfnUserProps = Amazon.CDK.AWS.ElastiCache.CfnUserProps;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// ElastiCache IAM authentication for a <see cref="TfeRedis"/> (<see cref="TfeRedisAuthentication.Iam"/>): the IAM user
/// the nodes connect as, a disabled <c>default</c> user, and the user group that holds both.
/// </summary>
/// <remarks>
/// <para>AWS (Authenticating with IAM, docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html): Redis OSS 7.0 or
/// later, in-transit encryption, a user with authentication mode <c>iam</c> whose user id equals its user name, and a
/// policy with <c>elasticache:Connect</c> on the cache and the user. Every user group must contain a user named
/// <c>default</c>; the account's built-in <c>default</c> user (id <c>default</c>) allows every command without a password,
/// so this group holds its own: named <c>default</c>, switched off (<c>off</c>), with no keys and no commands.</para>
/// <para>The ids are lower-case, at most 40 characters, and derived from the stack name and the construct path (a hash),
/// so they are unique in the account and region and stable across deployments (<c>UserId</c>, <c>UserName</c> and
/// <c>UserGroupId</c> are create-only). The user's access string is the one HashiCorp tested for an ACL user:
/// <c>~* &amp;* +@all</c> (connect-redis, "ACL").</para>
/// </remarks>
internal sealed class TfeRedisIamAccess : Construct
{
    /// <summary>What HashiCorp's connect-redis page says it tested for a Redis user of TFE.</summary>
    public const string TfeAccessString = "on ~* &* +@all";

    /// <summary>The group's required <c>default</c> user: disabled, no keys, no channels, no commands.</summary>
    public const string DisabledDefaultAccessString = "off ~* -@all";

    public TfeRedisIamAccess(Construct scope, string id)
        : base(scope, id)
    {
        var stack = Stack.Of(this);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{stack.StackName}/{Node.Path}")))[..12];
        var prefix = "tfe-redis-" + hash;
        UserName = prefix + "-iam";

        var user = new CfnUser(this, "IamUser", new CfnUserProps
        {
            UserId = UserName,
            UserName = UserName,
            Engine = "redis",
            AccessString = TfeAccessString,
            AuthenticationMode = new Dictionary<string, object> { ["Type"] = "iam" },
        });
        var disabledDefault = new CfnUser(this, "DefaultUser", new CfnUserProps
        {
            UserId = prefix + "-default",
            UserName = "default",
            Engine = "redis",
            AccessString = DisabledDefaultAccessString,
            AuthenticationMode = new Dictionary<string, object> { ["Type"] = "no-password-required" },
        });
        UserGroup = new CfnUserGroup(this, "UserGroup", new CfnUserGroupProps
        {
            UserGroupId = prefix,
            Engine = "redis",
            // The ids as literals (with explicit dependencies): they are known at synth, so nothing hangs on what Ref returns.
            UserIds = [user.UserId, disabledDefault.UserId],
        });
        UserGroup.AddDependency(user);
        UserGroup.AddDependency(disabledDefault);
    }

    /// <summary>The IAM user's name, which is also its id (<c>TFE_REDIS_USER</c>).</summary>
    public string UserName { get; }

    /// <summary>The user group for the replication group's <c>UserGroupIds</c> (its id is <see cref="CfnUserGroup.UserGroupId"/>).</summary>
    public CfnUserGroup UserGroup { get; }

    /// <summary>
    /// <c>elasticache:Connect</c> on exactly the replication group and the IAM user (both ARNs in the stack's partition),
    /// as AWS's IAM authentication page requires.
    /// </summary>
    public static Grant GrantConnect(IGrantable grantee, Stack stack, string replicationGroupId, string userName) =>
        Grant.AddToPrincipal(new GrantOnPrincipalOptions
        {
            Grantee = grantee,
            Actions = ["elasticache:Connect"],
            ResourceArns =
            [
                stack.FormatArn(new ArnComponents { Service = "elasticache", Resource = "replicationgroup", ResourceName = replicationGroupId, ArnFormat = ArnFormat.COLON_RESOURCE_NAME }),
                stack.FormatArn(new ArnComponents { Service = "elasticache", Resource = "user", ResourceName = userName, ArnFormat = ArnFormat.COLON_RESOURCE_NAME }),
            ],
        });
}
