using System.Text.Json.Nodes;

namespace Tfe.Cdk.Tests.AppTier;

/// <summary>
/// Where the image comes from (<c>ImageSource</c>, issue #16 item 6), on scenarios already synthesized for other tests: ECR
/// (the ALB options fixture, with a pinned digest), another registry (the internet NLB fixture), HashiCorp's (the CLB one).
/// </summary>
public sealed class ImageSourceTests(ApplicationLoadBalancerOptionsFixture ecr, InternetNlbFixture registry, ClassicFixture hashicorp)
    : IClassFixture<ApplicationLoadBalancerOptionsFixture>, IClassFixture<InternetNlbFixture>, IClassFixture<ClassicFixture>
{
    private const string Pull = "ecr:BatchCheckLayerAvailability,ecr:BatchGetImage,ecr:GetDownloadUrlForLayer";

    [Fact]
    [Trait("Rule", "COMP-4")]
    public void Ecr_Source_Pulls_From_The_Repository_Host_With_The_Digest_And_No_HashiCorp_Login_COMP_4()
    {
        // The repository's URI as the CDK builds it (account, region and the partition's URL suffix, never a literal host).
        Assert.Matches(@"readonly TFE_IMAGE='[0-9]{12}\.dkr\.ecr\.us-east-1\.\$\{Ref:AWS::URLSuffix\}/hashicorp/terraform-enterprise:1\.2\.0@sha256:[0-9a-f]{64}'\n", ecr.NodeUserData);
        Assert.Contains("readonly REGISTRY_LOGIN=ecr\n", ecr.NodeUserData, StringComparison.Ordinal);
        Assert.Contains("readonly REGISTRY_REGION='us-east-1'\n", ecr.NodeUserData, StringComparison.Ordinal);
        Assert.Contains("readonly REGISTRY_SECRET=''\n", ecr.NodeUserData, StringComparison.Ordinal);
        Assert.DoesNotContain("images.releases.hashicorp.com", ecr.NodeUserData, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "NET-1")]
    public void Ecr_Source_Grants_Pull_On_That_Repository_Only_And_The_Token_Action_Alone_On_Any_Resource_NET_1()
    {
        var ecrStatements = NodeStatements(ecr).Where(s => PolicyStatements.Actions(s).Any(a => a.StartsWith("ecr:", StringComparison.Ordinal))).ToList();
        Assert.Equal(2, ecrStatements.Count);
        var token = Assert.Single(ecrStatements, s => PolicyStatements.Actions(s).Contains("ecr:GetAuthorizationToken"));
        Assert.Equal(["ecr:GetAuthorizationToken"], PolicyStatements.Actions(token));
        Assert.Equal("*", (string?)token["Resource"]);
        var pull = Assert.Single(ecrStatements, s => s != token);
        Assert.Equal(Pull, string.Join(',', PolicyStatements.Actions(pull).Order(StringComparer.Ordinal)));
        var resource = SynthesizedTemplate.Render(pull["Resource"]);
        Assert.Matches(@"^arn:\$\{Ref:AWS::Partition\}:ecr:us-east-1:[0-9]{12}:repository/hashicorp/terraform-enterprise$", resource);

        // cdk-nag: the token's Resource "*" is suppressed with the reason that the action takes no resource.
        var policy = ecr.Synth.AllResources[ecr.Synth.IdsOf("AWS::IAM::Policy").Single(id => id.StartsWith("TfeAppNodeRoleDefaultPolicy", StringComparison.Ordinal))]!;
        Assert.Contains("ecr:GetAuthorizationToken, which supports no resource-level permission", policy["Metadata"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "COMP-4")]
    public void Registry_Source_Logs_In_With_The_Secret_Read_At_Boot_And_Never_Renders_It_COMP_4()
    {
        Assert.Contains($"readonly TFE_IMAGE='{InternetNlbFixture.RegistryRepository}:2.0.1'\n", registry.NodeUserData, StringComparison.Ordinal);
        Assert.Contains("readonly REGISTRY_LOGIN=secret\n", registry.NodeUserData, StringComparison.Ordinal);
        Assert.Matches(@"readonly REGISTRY_SECRET='arn:\$\{Ref:AWS::Partition\}:secretsmanager:us-east-1:[0-9]{12}:secret:tfe/registry'\n", registry.NodeUserData);
        Assert.DoesNotContain("images.releases.hashicorp.com", registry.NodeUserData, StringComparison.Ordinal);
        Assert.DoesNotContain("password", registry.NodeUserData.Split('\n').Where(l => l.StartsWith("readonly REGISTRY", StringComparison.Ordinal)).Aggregate(string.Empty, string.Concat), StringComparison.OrdinalIgnoreCase);

        // The node role reads the credentials secret; no ECR access.
        var reads = NodeStatements(registry).Where(s => PolicyStatements.Actions(s).Contains("secretsmanager:GetSecretValue"))
            .Select(s => SynthesizedTemplate.Render(s["Resource"]));
        Assert.Contains(reads, r => r.Contains(":secret:tfe/registry-??????", StringComparison.Ordinal));
        Assert.DoesNotContain(NodeStatements(registry), s => PolicyStatements.Actions(s).Any(a => a.StartsWith("ecr:", StringComparison.Ordinal)));
    }

    [Fact]
    [Trait("Rule", "COMP-4")]
    public void Default_Source_Is_HashiCorps_Registry_With_The_License_And_No_Ecr_Access_COMP_4()
    {
        Assert.Contains("readonly TFE_IMAGE='images.releases.hashicorp.com/hashicorp/terraform-enterprise:2.0.1'\n", hashicorp.NodeUserData, StringComparison.Ordinal);
        Assert.Contains("readonly REGISTRY_LOGIN=hashicorp\n", hashicorp.NodeUserData, StringComparison.Ordinal);
        Assert.Contains("readonly REGISTRY_REGION=''\n", hashicorp.NodeUserData, StringComparison.Ordinal);
        Assert.DoesNotContain(NodeStatements(hashicorp), s => PolicyStatements.Actions(s).Any(a => a.StartsWith("ecr:", StringComparison.Ordinal)));
    }

    /// <summary>The statements of the node role's policies.</summary>
    private static IEnumerable<JsonObject> NodeStatements(StandaloneFixture f) =>
        PolicyStatements.All(f.Synth)
            .Where(s => s.Resource.StartsWith("TfeAppNodeRole", StringComparison.Ordinal))
            .Select(s => s.Statement);
}
