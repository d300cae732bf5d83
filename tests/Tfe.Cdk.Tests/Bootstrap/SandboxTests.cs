using System.Runtime.Versioning;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>The harness itself: bubblewrap is there (skipped with the command that installs it, failed under CI), the sandbox holds, the timing lines are found.</summary>
[SupportedOSPlatform("linux")]
[Collection(SandboxCollection.Name)]
public sealed class SandboxTests
{
    [SandboxFact]
    public void Bubblewrap_Is_Installed()
    {
        try
        {
            Assert.True(File.Exists(Sandbox.Executable));
        }
        catch (InvalidOperationException e)
        {
            Assert.Fail(e.Message);
        }

        Assert.True(SandboxRequirement.Missing(Environment.GetEnvironmentVariable("PATH")).Count == 0,
            $"missing on PATH: {string.Join(", ", SandboxRequirement.Missing(Environment.GetEnvironmentVariable("PATH")))}: {SandboxRequirement.InstallCommand}");
    }

    [Fact]
    public void Fails_When_Bubblewrap_Is_Missing_Naming_The_Package()
    {
        var empty = Directory.CreateTempSubdirectory("no-bwrap-");
        try
        {
            var e = Assert.Throws<InvalidOperationException>(() => Sandbox.Locate(empty.FullName));
            Assert.Contains("apt-get install bubblewrap", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete();
        }
    }

    [SandboxFact]
    public void The_Node_Has_No_Network_And_Writes_Only_Where_The_Harness_Lets_It()
    {
        using var node = new NodeMachine(NodeScripts.HealthyScenario());
        var probe = $"tfe-harness-probe-{Guid.NewGuid():N}";
        string[] readOnly = [$"/usr/bin/{probe}", $"/root/{probe}", $"/home/{probe}"];
        try
        {
            var run = node.Run("/bin/bash", "-c", $$"""
                for path in {{string.Join(' ', readOnly)}}; do touch "$path" 2>/dev/null && echo "wrote $path"; done
                (exec 3<>/dev/tcp/1.1.1.1/443) 2>/dev/null && echo "reached the network"
                touch /etc/{{probe}} /var/{{probe}} /usr/local/bin/{{probe}} /usr/local/lib/{{probe}} && echo "ok"
                """);

            Assert.True(run.ExitCode == 0 && run.Stdout == "ok\n", run.ToString());
            Assert.True(File.Exists(node.HostPath($"/etc/{probe}")));
            Assert.True(File.Exists(node.HostPath($"/usr/local/bin/{probe}")));
            Assert.True(File.Exists(node.HostPath($"/usr/local/lib/{probe}")));
        }
        finally
        {
            // Had the sandbox leaked, the probes would be on this machine: remove them, then say so.
            var leaked = readOnly.Concat([$"/etc/{probe}", $"/var/{probe}", $"/usr/local/bin/{probe}", $"/usr/local/lib/{probe}"]).Where(File.Exists).ToList();
            leaked.ForEach(File.Delete);
            Assert.True(leaked.Count == 0, $"the sandbox let the node write on this machine: {string.Join(", ", leaked)}");
        }
    }

    [Fact]
    public void Fails_When_The_Script_No_Longer_Names_Its_Timing()
    {
        var e = Assert.Throws<InvalidOperationException>(() => NodeMachine.WithTiming("#!/bin/bash\nsleep 15\n", 3, 0));
        Assert.Contains("readonly BOOT_DEADLINE_SECONDS=<seconds>", e.Message, StringComparison.Ordinal);
        var script = NodeMachine.WithTiming(NodeScripts.Render(NodeVariant.Standalone), 3, 0);
        Assert.Contains("\nreadonly BOOT_DEADLINE_SECONDS=3\nreadonly POLL_SECONDS=0\n", script, StringComparison.Ordinal);
        // The timing lives in the user data's node.conf only: the A/A drain watcher the boot installs reads it from there.
        var activeActive = NodeMachine.WithTiming(NodeScripts.Render(NodeVariant.ActiveActive), 3, 0);
        Assert.Equal(1, activeActive.Split("\nreadonly POLL_SECONDS=0\n").Length - 1);
        Assert.DoesNotContain("readonly POLL_SECONDS=15", activeActive, StringComparison.Ordinal);
        Assert.All(TfeNodeFiles.All, f => Assert.DoesNotContain("readonly POLL_SECONDS=", f.Content, StringComparison.Ordinal));
        Assert.Contains("\nsource /etc/tfe/node.conf\n", TfeNodeFiles.All.Single(f => f.Name == "tfe-drain-watch.sh").Content, StringComparison.Ordinal);
    }
}
