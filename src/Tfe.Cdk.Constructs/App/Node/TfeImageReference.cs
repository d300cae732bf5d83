using System.Text.RegularExpressions;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The TFE image a node pulls and runs: <c>repository:tag</c>, or <c>repository:tag@sha256:&lt;64 hex&gt;</c> when the
/// user pins a digest (<see cref="TfeAppTierOptions.ImageDigest"/>). With a digest, Docker pulls and runs exactly that
/// image content: a tag that is moved to other content in the registry changes nothing on the nodes.
/// </summary>
internal static partial class TfeImageReference
{
    /// <summary>What a digest must look like: the OCI image specification's <c>sha256</c> form, <c>sha256:</c> and 64 lower-case hex digits.</summary>
    public const string DigestShape = "sha256: followed by 64 lower-case hex digits (a SHA-256 image digest, as docker images --digests prints it)";

    /// <summary>The reference the node pulls and runs.</summary>
    /// <param name="tag">The image tag (the TFE release).</param>
    /// <param name="digest">The pinned digest, or null for the tag alone.</param>
    public static string Of(string tag, string? digest) => Of(Defaults.TfeImageRepository, tag, digest);

    /// <summary>The reference the node pulls and runs from <paramref name="repository"/> (<see cref="TfeImageSource.Repository"/>).</summary>
    /// <param name="repository">The repository without tag or digest (an ECR repository's URI is a deploy-time value).</param>
    /// <param name="tag">The image tag (the TFE release).</param>
    /// <param name="digest">The pinned digest, or null for the tag alone.</param>
    public static string Of(string repository, string tag, string? digest) =>
        $"{repository}:{tag}" + (digest is null ? string.Empty : "@" + digest);

    /// <summary>True for <c>sha256:</c> and exactly 64 lower-case hex digits.</summary>
    public static bool IsDigest(string value) => Digest().IsMatch(value);

    [GeneratedRegex(@"^sha256:[a-f0-9]{64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Digest();
}
