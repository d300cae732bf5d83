using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.AppTier;

/// <summary>Every app-tier rule, checked on plain values: no jsii, no synth.</summary>
public sealed class TfeAppTierValidationTests
{
    private static readonly AppTierInputs Valid = new()
    {
        Hostname = "tfe.example.com",
        Mode = TfeOperationalMode.External,
        InstanceType = "m5.xlarge",
        LoadBalancerType = TfeLoadBalancerType.Application,
        HasLoadBalancerCertificate = true,
    };

    private static readonly AppTierInputs ValidNlb = Valid with
    {
        LoadBalancerType = TfeLoadBalancerType.Network,
        HasLoadBalancerCertificate = false,
        NodeCertificateSelfSigned = false,
    };

    private static readonly Dictionary<string, (AppTierInputs Inputs, string RuleId)> ViolationCases = new()
    {
        { "burstable node (t3.xlarge)", (Valid with { InstanceType = "t3.xlarge" }, "COMP-2") },
        { "burstable node (t3.2xlarge)", (Valid with { InstanceType = "t3.2xlarge" }, "COMP-2") },
        { "node below 4 vCPU (m5.large)", (Valid with { InstanceType = "m5.large" }, "COMP-1") },
        { "node below 16 GiB (c5.xlarge)", (Valid with { InstanceType = "c5.xlarge" }, "COMP-1") },
        { "Graviton node (m6g.xlarge)", (Valid with { InstanceType = "m6g.xlarge" }, "COMP-1") },
        { "not an instance type", (Valid with { InstanceType = "large" }, "COMP-1") },
        { "30 GB root volume", (Valid with { RootVolumeSizeGiB = 30 }, "COMP-1") },
        { "malformed TFE version", (Valid with { TfeVersion = "latest" }, "COMP-4") },
        { "two nodes in external mode", (Valid with { NodeCount = 2 }, "MODE-1") },
        { "active/active without Redis", (Valid with { Mode = TfeOperationalMode.ActiveActive }, "MODE-2") },
        { "external mode with Redis", (Valid with { HasRedis = true }, "MODE-1") },
        { "active/active with 6 nodes", (Valid with { Mode = TfeOperationalMode.ActiveActive, HasRedis = true, NodeCount = 6 }, "MODE-3") },
        { "active/active with 0 nodes", (Valid with { Mode = TfeOperationalMode.ActiveActive, HasRedis = true, NodeCount = 0 }, "MODE-3") },
        { "empty hostname", (Valid with { Hostname = "" }, "NET-2") },
        { "hostname without a domain", (Valid with { Hostname = "tfe" }, "NET-2") },
        { "hostname with a scheme", (Valid with { Hostname = "https://tfe.example.com" }, "NET-2") },
        { "ALB without certificate", (Valid with { HasLoadBalancerCertificate = false }, "TLS-2") },
        { "CLB without certificate", (Valid with { LoadBalancerType = TfeLoadBalancerType.Classic, HasLoadBalancerCertificate = false }, "TLS-2") },
        { "NLB with an ACM certificate", (ValidNlb with { HasLoadBalancerCertificate = true }, "TLS-6") },
        { "NLB without a node certificate", (ValidNlb with { NodeCertificateSelfSigned = null }, "TLS-1") },
        { "NLB with a self-signed node certificate", (ValidNlb with { NodeCertificateSelfSigned = true }, "TLS-4") },
        { "internal NLB targeting instance ids", (ValidNlb with { TargetType = TfeTargetType.Instance }, "TLS-5") },
        { "target type on an ALB", (Valid with { TargetType = TfeTargetType.Ip }, "TLS-5") },
        { "HTTP redirect on an NLB", (ValidNlb with { HttpRedirect = true }, "TLS-2") },
        { "ingress range that is not a CIDR", (Valid with { IngressCidrs = ["10.0.0.0/33"] }, "NET-1") },
        { "empty ingress ranges", (Valid with { IngressCidrs = [] }, "NET-1") },
        { "secret in additional settings", (Valid with { AdditionalSettings = new Dictionary<string, string> { ["TFE_IACT_TOKEN"] = "x" } }, "COMP-4") },
        { "managed setting overridden", (Valid with { AdditionalSettings = new Dictionary<string, string> { ["TFE_HOSTNAME"] = "x.example.com" } }, "COMP-4") },
        { "metrics setting overridden", (Valid with { AdditionalSettings = new Dictionary<string, string> { ["TFE_METRICS_HTTP_PORT"] = "9100" } }, "COMP-4") },
        { "unknown setting name", (Valid with { AdditionalSettings = new Dictionary<string, string> { ["PATH"] = "/bin" } }, "COMP-4") },
    };

    public static TheoryData<string> Violations => new(ViolationCases.Keys);

    [Theory]
    [MemberData(nameof(Violations))]
    public void Fails_When(string condition)
    {
        var (inputs, ruleId) = ViolationCases[condition];
        var violations = TfeAppTierPropsValidator.Check(inputs).Violations;
        Assert.True(violations.Any(v => v.RuleId == ruleId), $"{condition}: expected {ruleId}, got [{string.Join("; ", violations)}]");
    }

    private static readonly Dictionary<string, AppTierInputs> AllowedCases = new()
    {
        { "reference minimum m5.xlarge", Valid },
        { "reference scaled m5.2xlarge", Valid with { InstanceType = "m5.2xlarge" } },
        { "current generation m7i.xlarge", Valid with { InstanceType = "m7i.xlarge", RootVolumeSizeGiB = 100 } },
        { "memory-optimized r6i.large (2 vCPU) is refused, r6i.xlarge is fine", Valid with { InstanceType = "r6i.xlarge" } },
        { "CLB with certificate", Valid with { LoadBalancerType = TfeLoadBalancerType.Classic } },
        { "internal NLB by IP with a CA-signed node certificate", ValidNlb },
        { "internet-facing NLB by instance id", ValidNlb with { InternetFacing = true, TargetType = TfeTargetType.Instance } },
        { "active/active, one node (required upgrade step)", Valid with { Mode = TfeOperationalMode.ActiveActive, HasRedis = true, NodeCount = 1 } },
        { "active/active, five nodes", Valid with { Mode = TfeOperationalMode.ActiveActive, HasRedis = true, NodeCount = 5 } },
        { "calendar release tag", Valid with { TfeVersion = "v202507-1" } },
        { "proxy and capacity settings", Valid with { AdditionalSettings = new Dictionary<string, string> { ["https_proxy"] = "http://proxy:3128", ["TFE_CAPACITY_CONCURRENCY"] = "20" } } },
    };

    public static TheoryData<string> Allowed => new(AllowedCases.Keys);

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Accepts(string condition)
    {
        var inputs = AllowedCases[condition];
        var violations = TfeAppTierPropsValidator.Check(inputs).Violations;
        Assert.True(violations.Count == 0, $"{condition}: unexpected [{string.Join("; ", violations)}]");
    }

    [Fact]
    public void Reports_Every_Violation_At_Once_With_Prop_Value_And_Fix()
    {
        var violations = TfeAppTierPropsValidator.Check(Valid with { InstanceType = "t3.xlarge", RootVolumeSizeGiB = 30, Hostname = "" }).Violations;

        Assert.Equal(["COMP-1", "COMP-2", "NET-2"], violations.Select(v => v.RuleId).Distinct().Order());
        var burstable = violations.Single(v => v.RuleId == "COMP-2");
        Assert.Equal("InstanceType", burstable.PropertyName);
        Assert.Equal("\"t3.xlarge\"", burstable.Value);
        Assert.StartsWith("COMP-2: InstanceType must not be a burstable (T-family) type, got \"t3.xlarge\". Use m5.xlarge", burstable.ToString(), StringComparison.Ordinal);
    }
}
