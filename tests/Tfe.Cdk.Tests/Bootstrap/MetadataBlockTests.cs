using System.Runtime.Versioning;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// The run network's firewall (docs/node-lifecycle.md, "What a run can reach"), run: in place before Docker first starts,
/// required by Docker at every later start, put back by the restore timer after a firewall reload or flush, and adding
/// nothing twice.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(SandboxCollection.Name)]
public sealed class MetadataBlockTests
{
    private const string Firewall = "tfe-firewall.service";
    private const string Restore = "tfe-firewall-restore.service";
    private static readonly string[] Metadata4 = ["TFE-RUNS-FORWARD", "-d", "169.254.169.254/32", "-j", "DROP"];
    private static readonly string[] Metadata6 = ["TFE-RUNS-FORWARD", "-d", "fd00:ec2::254/128", "-j", "DROP"];

    [SandboxTheory]
    [InlineData(NodeVariant.Standalone)]
    [InlineData(NodeVariant.ActiveActive)]
    [InlineData(NodeVariant.InternalNlb)]
    public void The_Metadata_Block_Is_In_Place_Before_Docker_First_Starts(NodeVariant variant)
    {
        var (node, run) = HealthyBoots.Of(variant);

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        Assert.Equal(["0"], run.Calls.Signals);
        var dockerStart = run.Calls.Of("systemctl", "enable", "--now", "docker").Single();
        var steps = new[]
        {
            run.Calls.Of("iptables", ["-w", "-A", .. Metadata4]).Single(),
            run.Calls.Of("ip6tables", ["-w", "-A", .. Metadata6]).Single(),
            run.Calls.Of("iptables", "-w", "-I", "DOCKER-USER", "1", "-i", "tfe-runs", "-j", "TFE-RUNS-FORWARD").Single(),
            run.Calls.Of("ip6tables", "-w", "-I", "DOCKER-USER", "1", "-i", "tfe-runs", "-j", "TFE-RUNS-FORWARD").Single(),
            run.Calls.Of("iptables", "-w", "-I", "FORWARD", "1", "-j", "DOCKER-USER").Single(),
            run.Calls.Of("ip6tables", "-w", "-I", "FORWARD", "1", "-j", "DOCKER-USER").Single(),
            run.Calls.Of("systemctl", "enable", "--now", Firewall).Single(),
            run.Calls.Of("systemctl", "enable", "--now", "tfe-firewall-restore.timer").Single(),
        };
        Assert.All(steps, step => Assert.True(step.Index < dockerStart.Index, $"{step} comes after {dockerStart}\n{run}"));

        // The walk: a run's packet to instance metadata is dropped, by IPv4 and by IPv6, even after Docker put its own jump first.
        Assert.Equal(RunFirewall.Verdict.Drop, RunFirewall.Read(run).Evaluate("FORWARD", "tfe-runs", "169.254.169.254", "tcp", 80));
        Assert.Equal(RunFirewall.Verdict.Drop, RunFirewall.Read(run, "ip6tables").Evaluate("FORWARD", "tfe-runs", "fd00:ec2::254", "tcp", 80));
        Assert.Equal(RunFirewall.Verdict.Docker, RunFirewall.Read(run).Evaluate("FORWARD", "docker0", "169.254.169.254", "tcp", 80));
        Assert.Empty(run.Calls.Of("iptables", "-w", "-I", "DOCKER-USER", "-i", "tfe-runs", "-d"));
        Assert.Contains("TFE_RUN_PIPELINE_DOCKER_NETWORK=tfe-runs", node.ReadFile("/etc/tfe/tfe.env").Split('\n'));
    }

    [SandboxFact]
    public void Docker_Starts_After_The_Firewall_And_Only_With_It_At_Every_Boot()
    {
        var (node, run) = HealthyBoots.Of(NodeVariant.ActiveActive);

        Assert.True(run.ExitCode == 0, run.ToString());
        var unit = node.ReadFile($"/etc/systemd/system/{Firewall}");
        Assert.Contains("Before=docker.service\n", unit, StringComparison.Ordinal);
        Assert.Contains("Type=oneshot\nRemainAfterExit=yes\nExecStart=/usr/local/lib/tfe/tfe-firewall.sh\n", unit, StringComparison.Ordinal);
        Assert.Contains("WantedBy=multi-user.target\n", unit, StringComparison.Ordinal);
        // Docker (which restarts the TFE container itself after a reboot) requires the firewall and is ordered after it.
        Assert.Contains("[Unit]\nRequires=tfe-firewall.service\nAfter=tfe-firewall.service\n",
            node.ReadFile("/etc/systemd/system/docker.service.d/tfe-firewall.conf"), StringComparison.Ordinal);
        var timer = node.ReadFile("/etc/systemd/system/tfe-firewall-restore.timer");
        Assert.Contains("OnUnitActiveSec=10s\n", timer, StringComparison.Ordinal);
        Assert.Contains($"Unit={Restore}\n", timer, StringComparison.Ordinal);
        Assert.Equal("000755", Assert.Single(Tfe.Cdk.Constructs.TfeNodeFiles.All, f => f.Name == "tfe-firewall.sh").Mode);
    }

    [SandboxFact]
    public void A_Node_Whose_Firewall_Fails_Never_Starts_Docker()
    {
        var scenario = NodeScripts.HealthyScenario();
        scenario.Knobs["FAKE_IPTABLES_FAILS"] = "1";
        using var node = new NodeMachine(scenario);

        var run = node.Boot(NodeScripts.Render(NodeVariant.Standalone));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal(["1"], run.Calls.Signals);
        Assert.Empty(run.Calls.Of("systemctl", "enable", "--now", "docker"));
        Assert.Empty(run.Calls.Of("docker", "run"));
        Assert.Contains($"Job for {Firewall} failed", run.Stderr, StringComparison.Ordinal);
    }

    [SandboxFact]
    public void The_Restore_Timer_Puts_Back_What_A_Firewall_Reload_Or_Flush_Removed()
    {
        using var node = HealthyBoots.Copy(NodeVariant.ActiveActive);
        var rules4 = Path.Combine(node.Folder, "out", "state", "iptables.rules");
        var rules6 = Path.Combine(node.Folder, "out", "state", "ip6tables.rules");
        var before4 = File.ReadAllLines(rules4);
        var before6 = File.ReadAllLines(rules6);

        // nft flush ruleset: every rule gone, by both families.
        File.WriteAllText(rules4, string.Empty);
        File.WriteAllText(rules6, string.Empty);
        var flushed = node.Run("/bin/bash", "-c", $"systemctl start {Restore}");

        Assert.True(flushed.ExitCode == 0, flushed.ToString());
        Assert.Equal(before4.Order(StringComparer.Ordinal), File.ReadAllLines(rules4).Order(StringComparer.Ordinal));
        Assert.Equal(before6.Order(StringComparer.Ordinal), File.ReadAllLines(rules6).Order(StringComparer.Ordinal));
        Assert.Contains("rules of Docker network tfe-runs (re)applied", flushed.Stdout, StringComparison.Ordinal);
        Assert.Equal(RunFirewall.Verdict.Drop, RunFirewall.Read(flushed).Evaluate("FORWARD", "tfe-runs", "169.254.169.254", "tcp", 80));

        // A firewalld reload after which Docker recreated an empty DOCKER-USER: only the jump is missing, only it is put back.
        File.WriteAllLines(rules4, File.ReadAllLines(rules4).Where(r => !r.StartsWith("DOCKER-USER ", StringComparison.Ordinal)));
        var reloaded = node.Run("/bin/bash", "-c", $"systemctl start {Restore}");

        Assert.True(reloaded.ExitCode == 0, reloaded.ToString());
        Assert.Equal(["-w -I DOCKER-USER 1 -i tfe-runs -j TFE-RUNS-FORWARD"],
            reloaded.Calls.Of("iptables").Where(Changes).Select(c => string.Join(' ', c.Args)));
        Assert.DoesNotContain(reloaded.Calls.Of("ip6tables"), Changes);
        Assert.Equal(RunFirewall.Verdict.Drop, RunFirewall.Read(reloaded).Evaluate("FORWARD", "tfe-runs", "169.254.169.254", "tcp", 80));
    }

    [SandboxFact]
    public void Adds_Nothing_When_Every_Rule_Is_In_Place()
    {
        using var node = HealthyBoots.Copy(NodeVariant.ActiveActive);

        // Every 10 seconds the timer runs the same script: with nothing removed, it checks and changes nothing.
        var check = node.Run("/bin/bash", "-c", $"systemctl start {Restore} && systemctl start {Restore}");

        Assert.True(check.ExitCode == 0 && check.Stdout == string.Empty, check.ToString());
        Assert.NotEmpty(check.Calls.Of("iptables", "-w", "-C"));
        Assert.DoesNotContain(check.Calls.All, c => c.Program is "iptables" or "ip6tables" && Changes(c));
    }

    private static bool Changes(Call call) => call.Args.Count > 1 && call.Args[1] is "-I" or "-A" or "-F" or "-D";
}
