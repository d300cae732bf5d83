using Amazon.CDK;
using Amazon.CDK.AWS.IAM;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The key policy of the data key the library defines, replacing the CDK default (the account's IAM policies may do
/// anything with the key): the account administers the key, but encrypts and decrypts with it only through the AWS
/// services that hold the deployment's data, so a principal with a broad <c>kms:Decrypt</c> cannot read a ciphertext
/// directly, and an IAM grant to the nodes works only through those services.
/// </summary>
/// <remarks>
/// <para>
/// The services: Secrets Manager (the database secret, the encryption password, the AUTH token of an Active/Active cache
/// that shares the key), S3 (the buckets), RDS (storage, snapshots, Performance Insights: "Changing an AWS KMS policy for
/// Performance Insights" names <c>kms:ViaService = rds.&lt;region&gt;</c>), ElastiCache (at rest, when the cache shares the
/// key), AWS Backup (the vault) and EC2 (the nodes' root volumes). CloudWatch Logs uses the key as a service principal
/// (<see cref="LogEncryption"/>). <c>kms:CreateGrant</c> is allowed only for grants an integrated service creates for
/// its own resources (<c>kms:GrantIsForAWSResource</c>): without that limit a principal could grant itself Decrypt.
/// </para>
/// <para>
/// The Auto Scaling service-linked role launches the nodes with root volumes under the key; its own permissions exclude
/// customer managed keys, so the key policy names it ("Required AWS KMS key policy for use with encrypted volumes", EC2
/// Auto Scaling User Guide). It exists only once the account has a group, so it is matched by <c>aws:PrincipalArn</c>.
/// </para>
/// </remarks>
internal static class DataKeyPolicy
{
    /// <summary>The services the account may encrypt and decrypt through (<c>kms:ViaService</c> = <c>&lt;service&gt;.&lt;region&gt;.&lt;suffix&gt;</c>).</summary>
    public static readonly IReadOnlyList<string> Services = ["secretsmanager", "s3", "rds", "elasticache", "backup", "ec2"];

    /// <summary>What the account may do to the key itself: read, administer, schedule deletion; never use it or grant it.</summary>
    public static readonly IReadOnlyList<string> AdministrationActions =
    [
        "kms:Describe*", "kms:Get*", "kms:List*", "kms:PutKeyPolicy", "kms:EnableKey", "kms:DisableKey",
        "kms:EnableKeyRotation", "kms:DisableKeyRotation", "kms:RotateKeyOnDemand", "kms:ScheduleKeyDeletion",
        "kms:CancelKeyDeletion", "kms:TagResource", "kms:UntagResource", "kms:UpdateKeyDescription", "kms:CreateAlias",
        "kms:UpdateAlias", "kms:DeleteAlias", "kms:RevokeGrant", "kms:RetireGrant",
    ];

    private static readonly string[] CryptoActions = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"];

    /// <summary>The policy document for a data key of <paramref name="stack"/>.</summary>
    public static PolicyDocument Document(Stack stack)
    {
        var account = new AccountRootPrincipal();
        var autoScaling = $"arn:{stack.Partition}:iam::{stack.Account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling*";
        return new PolicyDocument(new PolicyDocumentProps
        {
            Statements =
            [
                new PolicyStatement(new PolicyStatementProps
                {
                    Sid = "KeyAdministration",
                    Principals = [account],
                    Actions = [.. AdministrationActions],
                    Resources = ["*"],
                }),
                new PolicyStatement(new PolicyStatementProps
                {
                    Sid = "UseThroughTheDeploymentsServices",
                    Principals = [account],
                    Actions = CryptoActions,
                    Resources = ["*"],
                    Conditions = new Dictionary<string, object>
                    {
                        ["StringEquals"] = new Dictionary<string, object>
                        {
                            ["kms:CallerAccount"] = stack.Account,
                            ["kms:ViaService"] = Services.Select(s => $"{s}.{stack.Region}.{stack.UrlSuffix}").ToArray(),
                        },
                    },
                }),
                new PolicyStatement(new PolicyStatementProps
                {
                    Sid = "GrantsForAwsResources",
                    Principals = [account],
                    Actions = ["kms:CreateGrant"],
                    Resources = ["*"],
                    Conditions = new Dictionary<string, object>
                    {
                        ["Bool"] = new Dictionary<string, object> { ["kms:GrantIsForAWSResource"] = "true" },
                    },
                }),
                new PolicyStatement(new PolicyStatementProps
                {
                    Sid = "AutoScalingRootVolumes",
                    Principals = [new AnyPrincipal()],
                    Actions = [.. CryptoActions, "kms:DescribeKey"],
                    Resources = ["*"],
                    Conditions = new Dictionary<string, object>
                    {
                        ["StringEquals"] = new Dictionary<string, object> { ["kms:CallerAccount"] = stack.Account },
                        ["ArnLike"] = new Dictionary<string, object> { ["aws:PrincipalArn"] = autoScaling },
                    },
                }),
                new PolicyStatement(new PolicyStatementProps
                {
                    Sid = "AutoScalingRootVolumeGrants",
                    Principals = [new AnyPrincipal()],
                    Actions = ["kms:CreateGrant"],
                    Resources = ["*"],
                    Conditions = new Dictionary<string, object>
                    {
                        ["StringEquals"] = new Dictionary<string, object> { ["kms:CallerAccount"] = stack.Account },
                        ["ArnLike"] = new Dictionary<string, object> { ["aws:PrincipalArn"] = autoScaling },
                        ["Bool"] = new Dictionary<string, object> { ["kms:GrantIsForAWSResource"] = "true" },
                    },
                }),
            ],
        });
    }
}
