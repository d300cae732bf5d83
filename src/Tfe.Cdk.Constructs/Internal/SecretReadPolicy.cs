using System.Runtime.CompilerServices;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.JSII.Runtime.Deputy;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// A resource policy on a secret the library defines (the encryption password, the database credentials, the Redis AUTH
/// token) that denies <c>secretsmanager:GetSecretValue</c> to every principal but its readers: the TFE nodes' role, the
/// principals given a <c>GrantRead*</c> of the tier, the break-glass principals (<see cref="TfeAppTierOptions.BreakGlassPrincipalArns"/>),
/// the stack's CloudFormation execution role, and AWS services acting as themselves (replication).
/// </summary>
/// <remarks>
/// <para>
/// Only reads are denied. Management (<c>PutSecretValue</c>, <c>UpdateSecret</c>, <c>DeleteSecret</c>,
/// <c>PutResourcePolicy</c>, replication) stays with IAM, so CloudFormation still creates, updates and deletes the secret,
/// and an administrator can still lift the policy in an emergency (a <c>PutResourcePolicy</c> CloudTrail records).
/// </para>
/// <para>
/// The CloudFormation execution role reads the database secret and the AUTH token to resolve their dynamic references
/// (<c>{{resolve:secretsmanager:...}}</c>: the database's master password, the secret target attachment, the cache's
/// AUTH token). With the default stack synthesizer its ARN is known; with another synthesizer the deploying principal
/// must be listed in <see cref="TfeAppTierOptions.BreakGlassPrincipalArns"/> (docs/security.md).
/// </para>
/// <para>
/// The statement is written only once the secret has a reader besides CloudFormation. A tier whose secrets are read only
/// through an import (<c>TfeDataTier.FromDataTierAttributes</c> in another stack or app) knows no reader, so its secrets
/// keep no policy rather than lock the nodes out (its tier's <c>GrantRead*</c> cannot name a role of the importing stack
/// either: CDK's grant on the secret's key would make the two stacks reference each other).
/// </para>
/// <para>
/// The DR region's nodes read the replicas (Secrets Manager replicates the policy with the secret) from another stack and
/// region, so the replicated secrets also admit principals tagged <see cref="ReaderTagKey"/> with the DR name prefix,
/// and <c>TfeDrRegion</c> tags its node role so.
/// </para>
/// </remarks>
internal sealed class SecretReadPolicy
{
    /// <summary>The principal tag that admits a reader the policy cannot name by ARN.</summary>
    public const string ReaderTagKey = "tfe:secret-reader";

    /// <summary>The actions denied to everyone else: reading the value (<c>BatchGetSecretValue</c> authorizes each secret with it).</summary>
    public static readonly IReadOnlyList<string> DeniedActions = ["secretsmanager:GetSecretValue"];

    /// <summary>The policy of each restricted secret, keyed by the secret's <c>AWS::SecretsManager::Secret</c>.</summary>
    /// <remarks>
    /// A registry keyed by a CDK object (docs/design-notes.md, "House rules"), on purpose: a secret's readers are granted
    /// from constructs that hold only its <see cref="ISecret"/> (the tier that owns it, the app tier's node role, the
    /// break-glass list, the DR primary), and the statement is written once all are known. The secret is a CDK object the
    /// library cannot give a field; a child construct under it would add a node without a resource to every user's
    /// construct tree. Created only by <see cref="Restrict"/>; added to only by the <c>Allow*</c> methods below; written
    /// by the <c>WriteOnPrepare</c> aspect.
    /// </remarks>
    private static readonly ConditionalWeakTable<CfnResource, SecretReadPolicy> Policies = new();

    private readonly List<string> _arns = [];
    private readonly SortedSet<string> _tags = new(StringComparer.Ordinal);
    private bool _hasReaders;

    private SecretReadPolicy(ISecret secret)
    {
        if (Stack.Of(secret).Synthesizer is DefaultStackSynthesizer synthesizer)
        {
            var executionRole = synthesizer.CloudFormationExecutionRoleArn;
            _arns.Add(executionRole.Contains("${", StringComparison.Ordinal) ? Fn.Sub(executionRole) : executionRole);
        }

        // The statement is written once every reader is known: when the app is prepared for synthesis (an aspect on the
        // secret alone, so one visit per node of the secret's own subtree).
        Aspects.Of(secret).Add(new WriteOnPrepare(secret, this));
    }

    /// <summary>The deny statement, from the readers gathered so far.</summary>
    internal PolicyStatement Statement()
    {
        var conditions = new Dictionary<string, object>
        {
            ["ArnNotLike"] = new Dictionary<string, object> { ["aws:PrincipalArn"] = _arns.Distinct().ToArray() },
            ["Bool"] = new Dictionary<string, object> { ["aws:PrincipalIsAWSService"] = "false" },
        };
        if (_tags.Count > 0)
        {
            conditions["StringNotEquals"] = new Dictionary<string, object> { ["aws:PrincipalTag/" + ReaderTagKey] = _tags.ToArray() };
        }

        return new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ReadOnlyByTfeNodesAndNamedPrincipals",
            Effect = Effect.DENY,
            Principals = [new AnyPrincipal()],
            Actions = [.. DeniedActions],
            Resources = ["*"],
            Conditions = conditions,
        });
    }

    /// <summary>
    /// Puts the policy on <paramref name="secret"/> when the library defines it (an imported secret has no resource
    /// policy the stack may change: nothing happens). Idempotent.
    /// </summary>
    public static void Restrict(ISecret secret)
    {
        if (secret.Node.DefaultChild is CfnResource resource && !Policies.TryGetValue(resource, out _))
        {
            Policies.Add(resource, new SecretReadPolicy(secret));
        }
    }

    /// <summary><see cref="Restrict"/>, returning the secret.</summary>
    public static T Restricted<T>(T secret)
        where T : ISecret
    {
        Restrict(secret);
        return secret;
    }

    /// <summary>Admits <paramref name="grantee"/>'s principal, when <paramref name="secret"/> carries the policy.</summary>
    /// <exception cref="InvalidOperationException">The grantee is not an IAM role or user, which the policy cannot name.</exception>
    public static void AllowReader(ISecret secret, IGrantable grantee)
    {
        if (For(secret) is not { } policy)
        {
            return;
        }

        switch (grantee.GrantPrincipal)
        {
            case IRole role:
                policy.AllowIdentity(role.RoleArn);
                break;
            case IUser user:
                policy.AllowIdentity(user.UserArn);
                break;
            default:
                throw new InvalidOperationException(
                    $"{secret.Node.Path}: the secret's resource policy admits IAM roles and users by ARN; {grantee.GrantPrincipal} is neither. Grant an IAM role instead.");
        }
    }

    /// <summary>Admits principals named by ARN (the break-glass principals).</summary>
    public static void AllowArns(ISecret secret, IEnumerable<string> arns)
    {
        if (For(secret) is { } policy)
        {
            var named = arns.ToList();
            policy._arns.AddRange(named);
            policy._hasReaders |= named.Count > 0;
        }
    }

    /// <summary>Admits principals carrying <see cref="ReaderTagKey"/> = <paramref name="value"/> (the DR region's nodes).</summary>
    public static void AllowTagged(ISecret secret, string value)
    {
        if (For(secret) is { } policy)
        {
            policy._tags.Add(value);
            policy._hasReaders = true;
        }
    }

    /// <summary>Tags a role so the policies admitting <paramref name="value"/> admit it.</summary>
    public static void TagReader(IRole role, string value) => Tags.Of(role).Add(ReaderTagKey, value);

    private static SecretReadPolicy? For(ISecret secret) =>
        secret.Node.DefaultChild is CfnResource resource && Policies.TryGetValue(resource, out var policy) ? policy : null;

    private void AllowIdentity(string arn)
    {
        // A role of another stack is named by its ARN like any other: CDK's own grant on the secret's key already references
        // it from the secret's stack, so this adds no new dependency between the stacks.
        _hasReaders = true;
        _arns.Add(arn);
    }

    private sealed class WriteOnPrepare(ISecret secret, SecretReadPolicy policy) : DeputyBase, IAspect
    {
        private readonly string _path = secret.Node.Path;
        private bool _written;

        public void Visit(global::Constructs.IConstruct node)
        {
            if (_written || node.Node.Path != _path)
            {
                return;
            }

            _written = true;
            if (policy._hasReaders)
            {
                secret.AddToResourcePolicy(policy.Statement());
            }
        }
    }
}
