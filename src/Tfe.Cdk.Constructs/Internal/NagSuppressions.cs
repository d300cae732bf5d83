using Amazon.CDK;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// Writes cdk-nag v2 suppressions (<c>Metadata.cdk_nag.rules_to_suppress</c>) on CloudFormation resources, the format
/// cdk-nag's <c>NagSuppressions.addResourceSuppressions</c> writes and its rule packs read. Every suppression carries
/// the reason a reviewer needs: which reference rule or TFE need makes the flagged configuration right.
/// </summary>
internal static class NagSuppressions
{
    private const string MetadataKey = "cdk_nag";

    /// <summary>A rule to suppress, with the reason and, for findings such as IAM5 wildcards, what it applies to.</summary>
    public sealed record Suppression(string Id, string Reason, IReadOnlyList<string>? AppliesTo = null);

    /// <summary>Suppresses the rules on the construct's default CloudFormation resource, or on every CFN resource below it.</summary>
    public static void Add(IConstruct construct, bool applyToChildren, params Suppression[] suppressions)
    {
        var targets = applyToChildren
            ? construct.Node.FindAll().OfType<CfnResource>()
            : construct is CfnResource self ? [self] : construct.Node.DefaultChild is CfnResource child ? [child] : [];
        foreach (var resource in targets)
        {
            Merge(resource, suppressions);
        }
    }

    /// <summary>
    /// Suppresses one control in every pack that checks it (AwsSolutions and the compliance packs), with one reason: the
    /// same configuration is flagged under several ids, and the reason for keeping it is the same for all of them.
    /// </summary>
    public static void Add(IConstruct construct, bool applyToChildren, NagControl control, string reason) =>
        Add(construct, applyToChildren, For(control, reason));

    /// <summary>The suppressions of <paramref name="control"/>'s ids in every pack, each with <paramref name="reason"/>.</summary>
    public static Suppression[] For(NagControl control, string reason) =>
        control.Ids.Select(id => new Suppression(id, reason)).ToArray();

    /// <summary>How cdk-nag names the object wildcard of a bucket defined in the stack: <c>Resource::&lt;LogicalId.Arn&gt;/*</c>.</summary>
    public static string ObjectWildcard(Amazon.CDK.AWS.S3.IBucket bucket) =>
        bucket.Node.DefaultChild is CfnElement element
            ? $"Resource::<{Stack.Of(element).GetLogicalId(element)}.Arn>/*"
            // An imported bucket's ARN holds tokens (partition, an imported name) that cdk-nag renders only at check time: match
            // the objects of any one bucket ("Resource::arn:<AWS::Partition>:s3:::<name>/*") on this resource.
            : RegexPrefix + @"/^Resource::arn:<AWS::Partition>:s3:::[^\/]+\/\*$/";

    /// <summary>An <see cref="Suppression.AppliesTo"/> entry with this prefix is written as cdk-nag's <c>{ "regex": "/…/" }</c>.</summary>
    public const string RegexPrefix = "regex:";

    private static void Merge(CfnResource resource, IEnumerable<Suppression> suppressions)
    {
        // Reading metadata back through jsii is untyped; keep each resource's suppressions on the C# side instead (jsii
        // hands back the same proxy for the same object), and rewrite the whole list on every call.
        var list = Written.GetOrCreateValue(resource);
        foreach (var s in suppressions)
        {
            if (s.Reason.Length < 10)
            {
                throw new ArgumentException($"cdk-nag suppression reason for {s.Id} must be at least 10 characters.", nameof(suppressions));
            }

            var index = list.FindIndex(e => e.Id == s.Id);
            if (index < 0)
            {
                list.Add(s);
            }
            else if (list[index].AppliesTo is { Count: > 0 } known && s.AppliesTo is { Count: > 0 } more)
            {
                // Two features suppress the same finding for different resources (for example IAM5 on one role's
                // policy, for the backup and the cross-region replication): one entry lists both, with both reasons.
                list[index] = list[index] with
                {
                    Reason = list[index].Reason.Contains(s.Reason, StringComparison.Ordinal) ? list[index].Reason : list[index].Reason + " " + s.Reason,
                    AppliesTo = known.Concat(more.Where(a => !known.Contains(a))).ToList(),
                };
            }
        }

        var rules = list.Select(s => s.AppliesTo is { Count: > 0 }
                ? new Dictionary<string, object> { ["id"] = s.Id, ["reason"] = s.Reason, ["applies_to"] = s.AppliesTo.Select(AppliesTo).ToArray() }
                : new Dictionary<string, object> { ["id"] = s.Id, ["reason"] = s.Reason })
            .Cast<object>()
            .ToArray();
        resource.AddMetadata(MetadataKey, new Dictionary<string, object> { ["rules_to_suppress"] = rules });
    }

    private static object AppliesTo(string entry) => entry.StartsWith(RegexPrefix, StringComparison.Ordinal)
        ? new Dictionary<string, object> { ["regex"] = entry[RegexPrefix.Length..] }
        : entry;

    /// <summary>The suppressions written on each resource so far: a copy of its <c>cdk_nag</c> metadata, kept on the C# side.</summary>
    /// <remarks>
    /// A registry keyed by a CDK object (docs/design-notes.md, "House rules"), on purpose: one metadata entry per resource
    /// holds every suppression, several features add to it independently (the backup and the cross-region replication
    /// both suppress IAM5 on one role's policy), and the CDK hands metadata back through jsii only as untyped JSON. What
    /// it holds is always what the template shows; written only by <see cref="Add(IConstruct, bool, Suppression[])"/>.
    /// </remarks>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CfnResource, List<Suppression>> Written = new();
}
