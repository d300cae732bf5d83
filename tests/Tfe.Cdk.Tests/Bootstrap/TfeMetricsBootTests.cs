using System.Runtime.Versioning;
using System.Text.Json;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// TFE's own metrics on the node (docs/tfe-metrics.md): the endpoint published on loopback only, the CloudWatch agent's
/// files written before TFE starts and the agent started once TFE reports healthy, before the success signal.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(SandboxCollection.Name)]
public sealed class TfeMetricsBootTests
{
    private const string AgentCtl = "amazon-cloudwatch-agent-ctl";

    private static List<string> Published(Call dockerRun) =>
        dockerRun.Args.Select((arg, i) => (arg, i)).Where(a => a.arg == "--publish").Select(a => dockerRun.Args[a.i + 1]).ToList();

    [SandboxTheory]
    [InlineData(NodeVariant.Standalone)]
    [InlineData(NodeVariant.ActiveActive)]
    [Trait("Rule", "OPS-2")]
    public void Agent_Files_Are_Written_Before_Tfe_And_The_Agent_Starts_After_Health_Before_The_Signal_OPS_2(NodeVariant variant)
    {
        var (node, run) = HealthyBoots.Of(variant);

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        var install = run.Calls.Of("dnf", "install").Single(c => c.Args.Contains("amazon-cloudwatch-agent"));
        var dockerRun = run.Calls.Of("docker", "run").Single();
        var ctl = run.Calls.Of(AgentCtl).Single();
        var probes = run.Calls.HealthProbes(NodeScripts.Hostname);
        var signal = run.Calls.Of("cfn-signal").Single();
        Assert.True(install.Index < dockerRun.Index, run.ToString());
        Assert.True(probes[^1].Index < ctl.Index && ctl.Index < signal.Index, run.ToString());
        Assert.Equal(["-a", "fetch-config", "-m", "ec2", "-s", "-c", "file:/etc/tfe/metrics/agent.json"], ctl.Args);

        // The scrape: TFE on loopback, Prometheus format, the group's name as the label that becomes the dimension.
        var prometheus = node.ReadFile("/etc/tfe/metrics/prometheus.yaml");
        Assert.Contains("- targets: [\"127.0.0.1:9090\"]", prometheus, StringComparison.Ordinal);
        Assert.Contains("format: [prometheus]", prometheus, StringComparison.Ordinal);
        Assert.Contains($"AutoScalingGroupName: \"{NodeScripts.GroupName}\"", prometheus, StringComparison.Ordinal);
        Assert.DoesNotContain("@", prometheus, StringComparison.Ordinal);

        // The agent: EMF into the deployment's metrics log group, namespace TerraformEnterprise, one dimension.
        using var agent = JsonDocument.Parse(node.ReadFile("/etc/tfe/metrics/agent.json"));
        var prom = agent.RootElement.GetProperty("logs").GetProperty("metrics_collected").GetProperty("prometheus");
        Assert.Equal(NodeScripts.MetricsLogGroup(variant), prom.GetProperty("log_group_name").GetString());
        Assert.Equal("/etc/tfe/metrics/prometheus.yaml", prom.GetProperty("prometheus_config_path").GetString());
        var emf = prom.GetProperty("emf_processor");
        Assert.Equal("TerraformEnterprise", emf.GetProperty("metric_namespace").GetString());
        var declaration = emf.GetProperty("metric_declaration").EnumerateArray().Single();
        Assert.Equal("[[\"AutoScalingGroupName\"]]", JsonSerializer.Serialize(declaration.GetProperty("dimensions")));
        Assert.Contains("^tfe_run_count$", declaration.GetProperty("metric_selectors").EnumerateArray().Select(e => e.GetString()));
        Assert.False(agent.RootElement.TryGetProperty("metrics", out _), "no metrics section: the agent never calls PutMetricData");
        Assert.Equal("700", Convert.ToString((int)File.GetUnixFileMode(node.HostPath("/etc/tfe/metrics")) & 0x1FF, 8));
    }

    [SandboxTheory]
    [InlineData(NodeVariant.Standalone)]
    [InlineData(NodeVariant.ActiveActive)]
    [Trait("Rule", "OPS-2")]
    public void Metrics_Port_Is_Published_On_Loopback_Only_OPS_2(NodeVariant variant)
    {
        var (node, run) = HealthyBoots.Of(variant);

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        var published = Published(run.Calls.Of("docker", "run").Single());
        Assert.Contains("127.0.0.1:9090:9090", published);
        Assert.DoesNotContain(published, p => p.Contains("9090", StringComparison.Ordinal) && !p.StartsWith("127.0.0.1:", StringComparison.Ordinal));
        Assert.DoesNotContain(published, p => p.Contains("9091", StringComparison.Ordinal));
        Assert.Contains("TFE_METRICS_ENABLE=true", node.ReadFile("/etc/tfe/tfe.env"), StringComparison.Ordinal);
    }

    [SandboxFact]
    [Trait("Rule", "OPS-2")]
    public void A_Node_Whose_Agent_Cannot_Start_Signals_Failure_OPS_2()
    {
        using var node = new NodeMachine(NodeScripts.HealthyScenario());
        node.Scenario.Knobs["FAKE_CWAGENT_FAILS"] = "1";

        var run = node.Boot(NodeScripts.Render(NodeVariant.Standalone));

        Assert.True(run.ExitCode == 1 && !run.TimedOut, run.ToString());
        Assert.Equal(["1"], run.Calls.Signals);
        Assert.Contains("FAILED: metrics: the CloudWatch agent did not start with /etc/tfe/metrics/agent.json", run.Stderr, StringComparison.Ordinal);
    }

    [SandboxFact]
    [Trait("Rule", "OPS-2")]
    public void With_Metrics_Off_No_Agent_And_No_Metrics_Port_OPS_2()
    {
        var (node, run) = HealthyBoots.Of(NodeVariant.InternalNlb);

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        Assert.Empty(run.Calls.Of(AgentCtl));
        Assert.DoesNotContain(run.Calls.Of("dnf", "install"), c => c.Args.Contains("amazon-cloudwatch-agent"));
        Assert.DoesNotContain(Published(run.Calls.Of("docker", "run").Single()), p => p.Contains("9090", StringComparison.Ordinal));
        Assert.False(Directory.Exists(node.HostPath("/etc/tfe/metrics")));
    }
}
