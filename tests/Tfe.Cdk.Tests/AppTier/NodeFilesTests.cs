using System.Text;
using Amazon.CDK;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;
using Tfe.Cdk.Tests.Dr;
using Tfe.Cdk.Tests.Topologies;
using Xunit.Abstractions;

namespace Tfe.Cdk.Tests.AppTier;

/// <summary>
/// The largest node configuration the library can build: Active/Active behind an internal NLB, a node certificate and
/// a CA bundle from Secrets Manager, an egress proxy in AdditionalSettings and a long hostname. Synthesized three times:
/// as is, with one byte of one node script changed, and with one setting changed; nothing else differs.
/// </summary>
public sealed class LargestNodeFixture
{
    public const string LongHostname = "terraform-enterprise.platform-engineering.eu-central-1.internal.corp.example-enterprise-holdings.com";

    public LargestNodeFixture()
    {
        (Synth, WorstCaseBytes) = Build("corp.example.com");
        var files = TfeNodeFiles.All.Select(f => f.Name == "tfe-boot-gate.sh" ? f with { Content = f.Content.Replace("retrying", "retryinG", StringComparison.Ordinal) } : f).ToList();
        Assert.NotEqual(TfeNodeFiles.All.Single(f => f.Name == "tfe-boot-gate.sh").Content, files.Single(f => f.Name == "tfe-boot-gate.sh").Content);
        using (TfeNodeFiles.Substitute(files))
        {
            (ScriptChanged, _) = Build("corp.example.com");
        }

        (SettingChanged, _) = Build("corp.example.org");
    }

    public SynthesizedTemplate Synth { get; }

    public SynthesizedTemplate ScriptChanged { get; }

    public SynthesizedTemplate SettingChanged { get; }

    public int WorstCaseBytes { get; }

    public static TfeActiveActiveProps Props(Stack stack, string noProxyDomain) => new()
    {
        Hostname = LongHostname,
        License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
        LoadBalancerType = TfeLoadBalancerType.Network,
        NodeCertificate = TfeNodeCertificate.FromSecret(Secret.FromSecretNameV2(stack, "NodeTls", "tfe/tls")),
        CaBundle = Secret.FromSecretNameV2(stack, "CaBundle", "tfe/ca-bundle"),
        NodeCount = 3,
        AdditionalSettings = new Dictionary<string, string>
        {
            ["http_proxy"] = "http://egress-proxy.network-services.corp.example.com:3128",
            ["https_proxy"] = "http://egress-proxy.network-services.corp.example.com:3128",
            ["no_proxy"] = $"localhost,127.0.0.1,169.254.169.254,.amazonaws.com,.internal,10.0.0.0/8,{noProxyDomain},{LongHostname}",
        },
    };

    private static (SynthesizedTemplate Synth, int WorstCase) Build(string noProxyDomain)
    {
        var stack = TestApp.NewStack(id: "TfeLargestNode");
        var tfe = new TfeActiveActive(stack, "Tfe", Props(stack, noProxyDomain));
        return (new SynthesizedTemplate(stack), tfe.App.NodeUserDataWorstCaseBytes);
    }
}

/// <summary>The node's files reach it by cfn-init, outside the user data; any change of them or of a setting replaces the nodes.</summary>
public sealed class NodeFilesTests(LargestNodeFixture f, ActiveActiveSampleFixture aa, StandaloneSampleFixture standalone, ITestOutputHelper output)
    : IClassFixture<LargestNodeFixture>, IClassFixture<ActiveActiveSampleFixture>, IClassFixture<StandaloneSampleFixture>
{
    [Fact]
    [Trait("Rule", "COMP-4")]
    public void Launch_Template_Metadata_Delivers_Every_Node_File_As_It_Is_In_The_Repository_COMP_4()
    {
        var scripts = Path.Combine(RepositoryRoot(), "src", "Tfe.Cdk.Constructs", "App", "Node", "scripts");
        var onDisk = Directory.GetFiles(scripts).Where(p => !Path.GetFileName(p).StartsWith('.')).ToList(); // every script, unit, timer and drop-in (not .shellcheckrc)
        Assert.Equal(onDisk.Select(Path.GetFileName).Order(StringComparer.Ordinal), TfeNodeFiles.All.Select(n => n.Name));
        foreach (var t in new[] { aa.Synth, standalone.Synth, f.Synth })
        {
            foreach (var path in onDisk)
            {
                Assert.Equal(File.ReadAllText(path), t.NodeFile(Path.GetFileName(path)));
            }
        }
    }

    [Fact]
    [Trait("Rule", "COMP-4")]
    public void User_Data_Runs_Cfn_Init_On_The_Launch_Template_And_Carries_No_Script_Body_COMP_4()
    {
        var launchTemplate = f.Synth.IdsOf("AWS::EC2::LaunchTemplate").Single();
        var userData = f.Synth.UserData();
        Assert.Contains($"/opt/aws/bin/cfn-init --verbose --stack \"$STACK_NAME\" --resource '{launchTemplate}' --region \"$REGION\"", userData, StringComparison.Ordinal);
        Assert.Contains($"sha256 {TfeNodeFiles.Fingerprint}\n", userData, StringComparison.Ordinal);
        foreach (var body in new[] { "boot_gate", "docker run", "openssl", "iptables", "tfectl", "[Unit]" })
        {
            Assert.DoesNotContain(body, userData, StringComparison.Ordinal);
        }

        // cfn-init reads the metadata with DescribeStackResource: allowed on this stack only.
        Assert.Contains("\"cloudformation:DescribeStackResource\",\"Effect\":\"Allow\",\"Resource\":{\"Ref\":\"AWS::StackId\"}", f.Synth.Text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "COMP-4")]
    public void A_Changed_Script_Byte_Changes_The_User_Data_So_The_Launch_Template_Gets_A_New_Version_COMP_4()
    {
        // CloudFormation makes a new launch template version when LaunchTemplateData changes; metadata alone would not.
        Assert.NotEqual(f.Synth.UserData(), f.ScriptChanged.UserData());
        Assert.NotEqual(f.Synth.NodeFile("tfe-boot-gate.sh"), f.ScriptChanged.NodeFile("tfe-boot-gate.sh"));
        // Only the files' hash line differs, and the Auto Scaling group follows the template's latest version.
        var before = f.Synth.UserData().Split('\n');
        var after = f.ScriptChanged.UserData().Split('\n');
        Assert.Equal(before.Length, after.Length);
        Assert.Single(before.Zip(after).Where(p => p.First != p.Second), p => p.First.StartsWith("# Node files (cfn-init", StringComparison.Ordinal));
        Assert.Contains("\"Version\":{\"Fn::GetAtt\":[\"" + f.Synth.IdsOf("AWS::EC2::LaunchTemplate").Single() + "\",\"LatestVersionNumber\"]}", f.Synth.Text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "COMP-4")]
    public void A_Changed_Setting_Changes_The_User_Data_But_Not_The_Node_Files_COMP_4()
    {
        Assert.NotEqual(f.Synth.UserData(), f.SettingChanged.UserData());
        Assert.Contains(",corp.example.org,", f.SettingChanged.UserData(), StringComparison.Ordinal);
        Assert.Equal(
            f.Synth.Json["Resources"]![f.Synth.IdsOf("AWS::EC2::LaunchTemplate").Single()]!["Metadata"]!.ToJsonString(),
            f.SettingChanged.Json["Resources"]![f.SettingChanged.IdsOf("AWS::EC2::LaunchTemplate").Single()]!["Metadata"]!.ToJsonString());
    }

    [Fact]
    [Trait("Rule", "COMP-4")]
    public void The_Largest_Variant_And_The_Samples_Stay_Far_Below_Ec2s_User_Data_Limit_COMP_4()
    {
        var largest = Encoding.UTF8.GetByteCount(f.Synth.UserData());
        output.WriteLine($"largest variant: {largest} bytes as synthesized (deploy-time values as placeholders), {f.WorstCaseBytes} bytes at worst once deployed");
        foreach (var (name, t) in new[] { ("StandaloneApp", standalone.Synth), ("ActiveActiveApp", aa.Synth) })
        {
            var worst = t.Stack.Node.FindAll().OfType<TfeAppTier>().Single().NodeUserDataWorstCaseBytes;
            output.WriteLine($"{name}: {Encoding.UTF8.GetByteCount(t.UserData())} bytes as synthesized, {worst} bytes at worst once deployed");
            Assert.InRange(Encoding.UTF8.GetByteCount(t.UserData()), 1, largest);
            Assert.InRange(worst, Encoding.UTF8.GetByteCount(t.UserData()), f.WorstCaseBytes);
        }

        Assert.InRange(f.WorstCaseBytes, largest, TfeNodeScript.UserDataLimitBytes);
    }

    [Fact]
    [Trait("Rule", "COMP-4")]
    public void The_Size_Check_Counts_Every_Deploy_Time_Value_Of_The_Samples_At_Its_Longest_COMP_4()
    {
        var dr = MultiRegionSampleFixture.Shared.Value;
        foreach (var t in new[] { standalone.Synth, aa.Synth, f.Synth, dr.Primary, dr.Dr })
        {
            AssertEveryDeployTimeValueIsWidened(t.Stack);
        }
    }

    /// <summary>
    /// The user data size check (COMP-4) renders the node's configuration with every token at its longest: a value it does
    /// not widen would be counted at the length of its <c>${Token[...]}</c> marker (a metrics log group name of 512
    /// characters as 20), and user data EC2 refuses could pass the check.
    /// </summary>
    internal static void AssertEveryDeployTimeValueIsWidened(Stack stack)
    {
        foreach (var tier in stack.Node.FindAll().OfType<TfeAppTier>())
        {
            Assert.Contains("${Token[", TfeNodeScript.Render(tier.NodeConfiguration, 0), StringComparison.Ordinal);
            var widest = TfeNodeScript.Render(TfeNodeUserDataSize.Widest(tier.NodeConfiguration), 0);
            var left = System.Text.RegularExpressions.Regex.Matches(widest, @"\$\{Token\[[^\]]*\]\}").Select(m => m.Value).Distinct().ToList();
            Assert.True(left.Count == 0, $"{tier.Node.Path}: the worst case leaves {string.Join(", ", left)} as markers");
        }
    }

    [Fact]
    public void The_Docs_Give_Each_Samples_User_Data_Size_As_Computed()
    {
        var dr = MultiRegionSampleFixture.Shared.Value;
        var expected = new[]
        {
            $"| StandaloneApp | {Sizes(standalone.Synth)} |",
            $"| ActiveActiveApp | {Sizes(aa.Synth)} |",
            $"| MultiRegionApp Primary / Dr | {Size(dr.Primary)} / {Size(dr.Dr)} | {Worst(dr.Primary)} / {Worst(dr.Dr)} |",
            $"| Largest variant: Active/Active, internal NLB, node certificate and CA bundle from secrets, proxy settings, a 101-character hostname (`LargestNodeFixture`) | {Size(f.Synth)} | {f.WorstCaseBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} |",
        };
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "node-lifecycle.md"));
        foreach (var row in expected)
        {
            Assert.True(page.Contains(row, StringComparison.Ordinal), $"docs/node-lifecycle.md (User data size) should have the row: {row}");
        }

        static string Size(SynthesizedTemplate t) => Encoding.UTF8.GetByteCount(t.UserData()).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        static string Worst(SynthesizedTemplate t) =>
            t.Stack.Node.FindAll().OfType<TfeAppTier>().Single().NodeUserDataWorstCaseBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        static string Sizes(SynthesizedTemplate t) => $"{Size(t)} | {Worst(t)}";
    }

    [Fact]
    [Trait("Rule", "COMP-4")]
    public void Refuses_Settings_That_Would_Push_The_User_Data_Over_Ec2s_Limit_COMP_4()
    {
        var stack = TestApp.NewStack(id: "TfeOversizedUserData");
        var props = LargestNodeFixture.Props(stack, "corp.example.com");
        var settings = new Dictionary<string, string>(props.AdditionalSettings!)
        {
            ["no_proxy"] = string.Join(',', Enumerable.Range(0, 700).Select(i => $"host{i:D3}.example")),
        };
        var e = Assert.Throws<TfeValidationException>(() => new TfeActiveActive(stack, "Tfe", props with { AdditionalSettings = settings }));
        Assert.Equal("COMP-4", e.RuleId);
        Assert.Equal("AdditionalSettings", e.PropertyName);
        Assert.Contains("16,384 bytes", e.Message, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".ci")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with .ci/) is not above the test assembly.");
    }
}
