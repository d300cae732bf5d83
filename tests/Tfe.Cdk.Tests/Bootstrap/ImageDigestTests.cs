using System.Runtime.Versioning;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>A pinned image digest (<c>ImageDigest</c>, issue 18 item 6): the node pulls, inspects and runs exactly <c>repo:tag@sha256:...</c>.</summary>
[SupportedOSPlatform("linux")]
[Collection(SandboxCollection.Name)]
public sealed class ImageDigestTests
{
    private const string Digest = "sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

    [SandboxFact]
    [Trait("Rule", "COMP-4")]
    public void Pulls_And_Runs_The_Image_By_Its_Pinned_Digest_COMP_4()
    {
        var pinned = TfeImageReference.Of("1.0.3", Digest);
        Assert.Equal($"images.releases.hashicorp.com/hashicorp/terraform-enterprise:1.0.3@{Digest}", pinned);
        var configuration = NodeScripts.Configuration(NodeVariant.ActiveActive) with { Image = pinned };
        using var node = new NodeMachine(NodeScripts.HealthyScenario());

        var run = node.Boot(TfeNodeScript.Render(configuration, 1500));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(pinned, run.Calls.Of("docker", "pull").Single().Args[^1]);
        Assert.Equal(pinned, run.Calls.Of("docker", "image", "inspect").Single().Args[^1]);
        Assert.Contains(pinned, run.Calls.Of("docker", "container", "run").Single().Args);
        Assert.Contains(pinned, run.Calls.Of("docker", "run").Single().Args);
    }

    [SandboxTheory]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0", false)]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg", false)]
    [InlineData("sha384:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    [InlineData(" sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n", false)]
    public void A_Digest_Is_Sha256_And_64_Lower_Case_Hex_Digits(string value, bool valid) =>
        Assert.Equal(valid, TfeImageReference.IsDigest(value));
}
