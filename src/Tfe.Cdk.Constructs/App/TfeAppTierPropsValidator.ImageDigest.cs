namespace Tfe.Cdk.Constructs;

/// <summary>COMP-4: the pinned image digest (<see cref="TfeAppTierOptions.ImageDigest"/>).</summary>
internal static partial class TfeAppTierPropsValidator
{
    /// <summary>Refuses a digest that is a token or not <c>sha256:</c> and 64 lower-case hex digits.</summary>
    private static void CheckImageDigest(RuleCheck check, string? digest)
    {
        if (digest is null || Inputs.RefuseToken(check, RuleIds.Comp4, "ImageDigest", digest,
                "it is rendered into the node's user data, where the image is pulled and run by it"))
        {
            return;
        }

        check.FailIf(!TfeImageReference.IsDigest(digest), RuleIds.Comp4, "ImageDigest", digest,
            "is not an image digest",
            $"Use {TfeImageReference.DigestShape}, for example the digest of the release's tag in HashiCorp's registry; or leave it unset to pull by tag");
    }
}
