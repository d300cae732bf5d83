using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;
using Tfe.Cdk.Tests.Topologies;

namespace Tfe.Cdk.Tests.AppTier;

/// <summary>
/// Two Standalone deployments in an app whose context has the Availability Zones but no node image, as a clone without
/// <c>cdk.context.json</c> synthesizes: one on the default image (the cached Amazon Linux 2023 SSM parameter), one on
/// <c>MachineImage.Lookup</c>. Built, not synthesized: the warning is read from the app tier's metadata, and no template
/// with a placeholder image is left for the scenario checks.
/// </summary>
public sealed class NodeImagePlaceholderFixture
{
    public NodeImagePlaceholderFixture()
    {
        var app = new App(new AppProps
        {
            Context = new Dictionary<string, object>
            {
                [$"availability-zones:account={TestApp.Account}:region={TestApp.Region}"] = new[] { "us-east-1a", "us-east-1b", "us-east-1c" },
            },
            AnalyticsReporting = false,
        });
        Default = Standalone(app, "DefaultImage", image: null);
        Lookup = Standalone(app, "LookupImage", _ => MachineImage.Lookup(new LookupMachineImageProps { Name = "tfe-node-*", Owners = ["self"] }));
    }

    public TfeStandalone Default { get; }

    public TfeStandalone Lookup { get; }

    private static TfeStandalone Standalone(App app, string id, Func<Stack, IMachineImage>? image)
    {
        var stack = new Stack(app, id, new StackProps { Env = TestApp.Env() });
        return new TfeStandalone(stack, "Tfe", new TfeStandaloneProps
        {
            Hostname = "tfe.example.com",
            License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
            LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", $"arn:aws:acm:{TestApp.Region}:{TestApp.Account}:certificate/00000000-0000-0000-0000-000000000000"),
            MachineImage = image?.Invoke(stack),
        });
    }
}

public sealed class NodeImagePlaceholderTests(NodeImagePlaceholderFixture f, StandaloneSampleFixture sample)
    : IClassFixture<NodeImagePlaceholderFixture>, IClassFixture<StandaloneSampleFixture>
{
    private const string Id = "@tfe/cdk:nodeImagePlaceholder";

    private static List<string> Warnings(TfeAppTier tier) =>
        tier.Node.Metadata.Where(m => m.Type == "aws:cdk:warning").Select(m => m.Data?.ToString() ?? string.Empty).ToList();

    [Fact]
    [Trait("Rule", "COMP-1")]
    public void The_Default_Image_Without_Its_Context_Warns_Naming_The_Key_And_The_Command_COMP_1()
    {
        var warning = Assert.Single(Warnings(f.Default.App), w => w.Contains(Id, StringComparison.Ordinal));
        Assert.Contains("COMP-1: the node image is still the CDK's lookup placeholder \"dummy-value-for-" + TestApp.ImageParameter + "\"", warning, StringComparison.Ordinal);
        // The key is the one a committed cdk.context.json holds (the repository's own, and every test app's).
        Assert.Contains("no value for " + TestApp.ImageContextKey(TestApp.Region) + ".", warning, StringComparison.Ordinal);
        Assert.Contains("Run `cdk synth` once with AWS credentials for 123456789012/us-east-1", warning, StringComparison.Ordinal);
        Assert.Contains("commit cdk.context.json", warning, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "COMP-1")]
    public void An_Ami_Lookup_Not_Yet_Performed_Is_Accepted_With_The_Warning_Not_Refused_COMP_1()
    {
        // Refusing "ami-1234" as "not an AMI id" would stop the synth before the CLI could perform the lookup.
        var warning = Assert.Single(Warnings(f.Lookup.App), w => w.Contains(Id, StringComparison.Ordinal));
        Assert.Contains("placeholder \"ami-1234\"", warning, StringComparison.Ordinal);
        Assert.Contains("ami:account=123456789012:", warning, StringComparison.Ordinal);
        Assert.Contains("manifest.json", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void An_App_With_The_Image_In_Its_Context_Does_Not_Warn()
    {
        // The sample's app has the committed context: its synthesized assembly carries no such warning.
        Amazon.CDK.Assertions.Annotations.FromStack(sample.Synth.Stack).HasNoWarning("*", Match.StringLikeRegexp("nodeImagePlaceholder"));
    }
}
