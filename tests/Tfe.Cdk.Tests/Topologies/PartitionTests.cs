using System.Text.RegularExpressions;
using Tfe.Cdk.Constructs;
using Tfe.Cdk.Samples;

namespace Tfe.Cdk.Tests.Topologies;

/// <summary>
/// The Standalone and the Active/Active samples synthesized in AWS GovCloud (US) and in China, one app per region (two
/// synths per app). The node image comes from the test app's context (a placeholder id, like every test app's), so no
/// AWS call is made.
/// </summary>
public sealed class PartitionFixture
{
    public PartitionFixture()
    {
        foreach (var region in PartitionTests.Regions)
        {
            var app = TestApp.NewApp(region);
            var standalone = StandaloneSample.Define(app, TestApp.Env(region));
            var activeActive = ActiveActiveSample.Define(app, TestApp.Env(region));
            Templates[(region, "Standalone")] = new SynthesizedTemplate(standalone);
            Templates[(region, "ActiveActive")] = new SynthesizedTemplate(activeActive);
        }
    }

    public Dictionary<(string Region, string Topology), SynthesizedTemplate> Templates { get; } = [];
}

/// <summary>
/// Item 7 of issue 16: no hard-coded partition, service principal or endpoint. Every ARN the library writes takes its
/// partition from <c>AWS::Partition</c> (or from the region's partition), and every endpoint-shaped service name
/// (<c>kms:ViaService</c>, the CloudWatch Logs principal) takes the region's URL suffix (<c>AWS::URLSuffix</c>).
/// </summary>
public sealed partial class PartitionTests(PartitionFixture f) : IClassFixture<PartitionFixture>
{
    public static readonly string[] Regions = ["us-gov-west-1", "cn-north-1"];

    public static TheoryData<string, string> Cases => new()
    {
        { "us-gov-west-1", "Standalone" }, { "us-gov-west-1", "ActiveActive" },
        { "cn-north-1", "Standalone" }, { "cn-north-1", "ActiveActive" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void No_Commercial_Partition_Arn_Literal(string region, string topology)
    {
        var text = f.Templates[(region, topology)].Text;
        Assert.DoesNotContain("arn:aws:", text, StringComparison.Ordinal);
        // A partition literal split across an Fn::Join ("arn:", "aws", ":") would slip past the check above.
        Assert.DoesNotMatch(SplitCommercialArn(), text);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void No_Commercial_Only_Service_Endpoint(string region, string topology)
    {
        var text = f.Templates[(region, topology)].Text;
        // An endpoint-shaped name with the commercial suffix written out: "<service>.<region>.amazonaws.com" is wrong in
        // China (amazonaws.com.cn), where kms:ViaService and regional service principals use the region's URL suffix.
        var endpoints = RegionalCommercialEndpoint().Matches(text).Select(m => m.Value).ToList();
        Assert.Empty(endpoints);
        Assert.DoesNotContain($"{region}.amazonaws.com\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_Stack_Is_In_The_Region_And_Its_Nodes_Boot_The_Image_From_Context(string region, string topology)
    {
        var synth = f.Templates[(region, topology)];
        Assert.Equal(region, synth.Stack.Region);
        var launchTemplate = synth.AllResources[synth.IdsOf("AWS::EC2::LaunchTemplate").Single()]!;
        Assert.Equal(TestApp.ImageId, (string?)launchTemplate["Properties"]!["LaunchTemplateData"]!["ImageId"]);
        Assert.Contains($"readonly REGION='{region}'", synth.UserData(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_Node_Configuration_Carries_The_Docker_Engine_Range_Of_The_Default_Release(string region, string topology)
    {
        var tfe = f.Templates[(region, topology)].Stack.Node.FindChild("Tfe");
        var app = tfe is TfeActiveActive activeActive ? activeActive.App : ((TfeStandalone)tfe).App;
        Assert.Equal(TfeReleaseSupport.DockerFor(Defaults.TfeVersion), app.NodeConfiguration.DockerEngine);
        Assert.Equal(new DockerEngineRange(23, 0, 26, 1), app.NodeConfiguration.DockerEngine);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Kms_Via_Service_Conditions_Use_The_Url_Suffix(string region, string topology)
    {
        var values = ViaServiceValues(f.Templates[(region, topology)].Json).ToList();
        Assert.NotEmpty(values); // the node's secrets key grant and the alarm topic's key policy carry one
        Assert.All(values, v => Assert.Contains("AWS::URLSuffix", v, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Kms_CreateGrant_Is_Only_For_Aws_Resources(string region, string topology)
    {
        var grants = PolicyStatements.CreateGrants(f.Templates[(region, topology)]).ToList();
        Assert.NotEmpty(grants); // Secrets Manager's grant on the data key
        Assert.All(grants, g => Assert.Equal("true", (string?)g.Statement["Condition"]?["Bool"]?["kms:GrantIsForAWSResource"]));
    }

    private static IEnumerable<string> ViaServiceValues(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => o.SelectMany(p => p.Key == "kms:ViaService"
            ? [p.Value?.ToJsonString() ?? string.Empty]
            : ViaServiceValues(p.Value)),
        System.Text.Json.Nodes.JsonArray a => a.SelectMany(ViaServiceValues),
        _ => [],
    };

    [GeneratedRegex(@"""arn:"",\s*""aws""|""arn:aws""", RegexOptions.CultureInvariant)]
    private static partial Regex SplitCommercialArn();

    [GeneratedRegex(@"[a-z0-9-]+\.(us|eu|ap|sa|ca|me|af|il|mx|cn|us-gov)-[a-z]+-\d\.amazonaws\.com(?!\.cn)", RegexOptions.CultureInvariant)]
    private static partial Regex RegionalCommercialEndpoint();
}
