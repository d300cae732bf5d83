using System.Runtime.Versioning;
using System.Text.Json;
using Tfe.Cdk.Constructs;
using System.Text.RegularExpressions;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>The outcome of one run in the sandbox.</summary>
internal sealed record BootRun(int ExitCode, string Stdout, string Stderr, CallLog Calls, bool TimedOut, TimeSpan Elapsed, string Folder)
{
    /// <summary>Everything a failed assertion needs to explain itself.</summary>
    public override string ToString() =>
        $"exit {ExitCode}{(TimedOut ? " (timed out)" : string.Empty)} in {Elapsed.TotalMilliseconds:F0} ms " +
        $"(rerun by hand: TFE_BOOT_KEEP=1, then bash {Folder}/run.sh)\n" +
        $"--- stdout\n{Stdout}--- stderr\n{Stderr}--- calls\n{Calls}";
}

/// <summary>
/// One TFE node for the bootstrap harness: a temporary folder that holds what the node's scripts write (<c>/etc</c>,
/// <c>/usr/local/bin</c>, <c>/usr/local/lib</c>, <c>/var</c>), the fakes, the scenario and the call log. Each <see cref="Run"/> starts a fresh
/// sandbox over the same folders, so a second run sees what the first one wrote, as on the same machine.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class NodeMachine : IDisposable
{
    private const string Harness = "/run/harness";

    /// <summary>Where the sandbox sees the host's /etc, read-only; the node's /etc links each host entry there.</summary>
    private const string HostEtc = "/run/host-etc";
    private static readonly string FakesSource = Path.Combine(AppContext.BaseDirectory, "Bootstrap", "fakes");
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly string[] WritablePaths = ["/etc", "/usr/local/bin", "/usr/local/lib", "/var"];

    private readonly string _dir;

    /// <summary>
    /// Where node folders are made: <c>/dev/shm</c> (memory) where there is one, else the temporary folder. A run
    /// creates ~140 links in the node's /etc and a shared boot is copied a few hundred files at a time; on the
    /// temporary folder's ext4 that file-system work was a sixth of the harness's CPU.
    /// </summary>
    private static readonly string FoldersRoot = Directory.Exists("/dev/shm") && IsWritable("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

    public NodeMachine(BootScenario scenario)
    {
        Scenario = scenario;
        _dir = NewFolder();
        foreach (var path in new[] { "root/etc/systemd/system", "root/usr/local/bin", "root/usr/local/lib", "root/var", "out/state", "fakes" })
        {
            Directory.CreateDirectory(Path.Combine(_dir, path));
        }

        foreach (var fake in Directory.GetFiles(FakesSource))
        {
            var copy = Path.Combine(_dir, "fakes", Path.GetFileName(fake));
            File.Copy(fake, copy);
            File.SetUnixFileMode(copy, (UnixFileMode)0b111_101_101);
        }
    }

    private NodeMachine(BootScenario scenario, string dir)
    {
        Scenario = scenario;
        _dir = dir;
    }

    /// <summary>
    /// A second machine in the state <paramref name="booted"/> is in now (what its runs wrote, its fakes' state, its user
    /// data), answering <paramref name="scenario"/> from here on. Cheaper than booting again (a copy of a few hundred
    /// small files): how tests that run something after a healthy boot share one boot (<see cref="HealthyBoots"/>).
    /// </summary>
    public static NodeMachine CopyOf(NodeMachine booted, BootScenario scenario)
    {
        var dir = NewFolder();
        // cp -a keeps what File.Copy would not all keep: modes, symlinks (the links to the host's /etc), empty folders.
        var copy = System.Diagnostics.Process.Start("cp", ["-a", "--", booted._dir + "/.", dir])!;
        copy.WaitForExit();
        if (copy.ExitCode != 0)
        {
            throw new InvalidOperationException($"cp -a {booted._dir}/. {dir} failed with exit code {copy.ExitCode}");
        }

        return new NodeMachine(scenario, dir);
    }

    /// <summary>The node's folder on this machine (what <see cref="BootRun.Folder"/> names): <c>root/</c>, <c>out/</c>, <c>scenario/</c>.</summary>
    public string Folder => _dir;

    /// <summary>What the fakes answer; change it between runs (it is written again before each run).</summary>
    public BootScenario Scenario { get; }

    /// <summary>
    /// Runs <paramref name="userData"/> as the node would at first boot, with its two timing lines rewritten: the boot
    /// deadline (<c>readonly BOOT_DEADLINE_SECONDS=</c>) and the pause of every wait loop (<c>readonly POLL_SECONDS=</c>).
    /// </summary>
    public BootRun Boot(string userData, int deadlineSeconds = 20, int pollSeconds = 0)
    {
        File.WriteAllText(Path.Combine(_dir, "user-data"), WithTiming(userData, deadlineSeconds, pollSeconds));
        return Run("/bin/bash", $"{Harness}/user-data");
    }

    /// <summary>Runs a command on this node, in a fresh sandbox over what earlier runs wrote.</summary>
    public BootRun Run(params string[] command)
    {
        Scenario.WriteTo(Path.Combine(_dir, "scenario"));
        // What cfn-init reads: the node's files as the launch template's metadata carries them.
        var metadata = JsonSerializer.Serialize(TfeNodeFiles.InitMetadata());
        File.WriteAllText(Path.Combine(_dir, "scenario", "cfn-init.json"), metadata);
        File.WriteAllText(Path.Combine(_dir, "scenario", "cfn-init.files"), InitFilesListing(metadata));
        var script = Path.Combine(_dir, "run.sh");
        File.WriteAllText(script, RunScript(command));
        var (exit, stdout, stderr, timedOut, elapsed) = Sandbox.Run(script, Timeout);
        var calls = CallLog.Parse(File.ReadAllText(Path.Combine(_dir, "out/calls.log")));
        return new BootRun(exit, stdout, stderr, calls, timedOut, elapsed, _dir);
    }

    /// <summary>
    /// The files of <c>config.files</c> in <paramref name="metadata"/> (the launch template's <c>AWS::CloudFormation::Init</c>
    /// JSON) as the fake cfn-init reads them: path, mode and content of each, NUL-separated (no file holds a NUL). Made
    /// here from the same JSON rather than by a jq in the fake: jq's start-up was 1.5 s of the harness's CPU.
    /// </summary>
    internal static string InitFilesListing(string metadata)
    {
        var files = System.Text.Json.Nodes.JsonNode.Parse(metadata)!["config"]!["files"]!.AsObject();
        var listing = new System.Text.StringBuilder();
        foreach (var (path, file) in files)
        {
            listing.Append(path).Append('\0').Append((string)file!["mode"]!).Append('\0').Append((string)file["content"]!).Append('\0');
        }

        return listing.ToString();
    }

    /// <summary>Where a file the node wrote under /etc, /usr/local/bin, /usr/local/lib or /var is on this machine.</summary>
    public string HostPath(string nodePath)
    {
        if (!WritablePaths.Any(p => nodePath.StartsWith(p + "/", StringComparison.Ordinal)))
        {
            throw new ArgumentException($"{nodePath} is not under a path the node can write ({string.Join(", ", WritablePaths)})", nameof(nodePath));
        }

        return Path.Combine(_dir, "root", nodePath[1..]);
    }

    /// <summary>A file the node wrote.</summary>
    public string ReadFile(string nodePath) => File.ReadAllText(HostPath(nodePath));

    /// <summary>What <c>docker login --password-stdin</c> read on its standard input, or null when it never ran.</summary>
    public string? DockerLoginStdin => StateFile("docker-login.stdin");

    /// <summary>The registries the fake Docker client still holds a login for (its credential file), one a line; null before any login.</summary>
    public string? DockerCredentials => StateFile("docker-credentials");

    /// <summary>The env file of the last detached <c>docker run</c> as docker read it: what the container's configuration (and <c>docker inspect</c>) holds.</summary>
    public string? DockerRunEnvFile => StateFile("docker-run.env-file");

    private string? StateFile(string name) =>
        File.Exists(Path.Combine(_dir, "out/state", name)) ? File.ReadAllText(Path.Combine(_dir, "out/state", name)) : null;

    /// <summary>Deletes the node's folder, unless <c>TFE_BOOT_KEEP=1</c> asks to keep it for a look (or a rerun by hand).</summary>
    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("TFE_BOOT_KEEP") != "1")
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static string NewFolder() => NewFolderIn(FoldersRoot);

    private static string NewFolderIn(string root)
    {
        var folder = Path.Combine(root, "tfe-boot-" + Path.GetRandomFileName().Replace(".", string.Empty, StringComparison.Ordinal));
        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return folder;
    }

    private static bool IsWritable(string folder)
    {
        try
        {
            Directory.Delete(NewFolderIn(folder));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// Rewrites the script's timing lines; fails when the script no longer declares the deadline exactly once, or the
    /// poll at all. Both are lines of the node.conf the user data writes; every script the node runs (tfe-boot.sh, the
    /// A/A drain watcher) reads them from there, so the files cfn-init writes run as delivered.
    /// </summary>
    internal static string WithTiming(string script, int deadlineSeconds, int pollSeconds)
    {
        foreach (var (regex, name, expected) in new[] { (DeadlineLine(), "BOOT_DEADLINE_SECONDS", "exactly once"), (PollLine(), "POLL_SECONDS", "at least once") })
        {
            var count = regex.Count(script);
            if (count == 0 || (name == "BOOT_DEADLINE_SECONDS" && count != 1))
            {
                throw new InvalidOperationException(
                    $"The node script declares `readonly {name}=<seconds>` {count} times, not {expected}: the harness cannot shorten its waits (docs/bootstrap-harness.md).");
            }
        }

        script = DeadlineLine().Replace(script, $"readonly BOOT_DEADLINE_SECONDS={deadlineSeconds}");
        return PollLine().Replace(script, $"readonly POLL_SECONDS={pollSeconds}");
    }

    /// <summary>
    /// The run as a script of its own (<c>run.sh</c> in the node's folder, which a test runs and a person can rerun): it
    /// empties the call log, restarts every answer sequence, removes the links to the host's /etc entries that bwrap
    /// left in the node's /etc last time, then starts the sandbox.
    /// </summary>
    private string RunScript(string[] command) => $$"""
        #!/bin/bash
        # Written by NodeMachine (tests/Tfe.Cdk.Tests/Bootstrap); only the sandbox below runs anything of the node's.
        set -euo pipefail
        cd "$(dirname "${BASH_SOURCE[0]}")"
        : >out/calls.log
        rm -f out/state/sequence.*
        shopt -s dotglob
        links=()
        for entry in /etc/*; do
          case "${entry##*/}" in systemd | tfe) continue ;; esac
          [[ ! -L "root/etc/${entry##*/}" ]] || links+=("root/etc/${entry##*/}")
        done
        # One rm for all of them: a process per entry (about 140) cost 0.15 s of CPU per run.
        [[ ${#links[@]} -eq 0 ]] || rm -f -- "${links[@]}"
        # At a lower priority (nice 10) than the test process: the CDK tests' one queue is the run's long pole, and the
        # sandboxes take whatever CPU it leaves.
        exec nice -n 10 {{Quote(Sandbox.Executable)}} {{string.Join(" \\\n  ", SandboxArguments().Append("--").Concat(command).Select(Quote))}}

        """;

    private IEnumerable<string> SandboxArguments()
    {
        string[] args =
        [
            "--die-with-parent", "--new-session", "--unshare-all", "--hostname", "tfe-node",
            "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
            "--bind", Path.Combine(_dir, "root/etc"), "/etc",
        ];
        foreach (var arg in args)
        {
            yield return arg;
        }

        // /etc is writable (the script creates /etc/tfe and writes units), with the host's entries in it as symlinks into
        // one read-only mount of the host's /etc: the dynamic linker's cache, passwd, alternatives, ... The host's systemd
        // configuration stays out. One mount, not one per entry: bwrap reads /proc/self/mountinfo again for each mount it
        // makes read-only, so ~140 mounts cost ~0.15 s of CPU per run, a fifth of the harness's time. (The mount itself
        // is made after /run's tmpfs, below.)
        foreach (var entry in Directory.EnumerateFileSystemEntries("/etc").Where(e => Path.GetFileName(e) is not ("systemd" or "tfe")).Order(StringComparer.Ordinal))
        {
            yield return "--symlink";
            yield return new FileInfo(entry).LinkTarget ?? HostEtc + "/" + Path.GetFileName(entry);
            yield return entry;
        }

        string[] rest =
        [
            "--bind", Path.Combine(_dir, "root/usr/local/bin"), "/usr/local/bin",
            "--bind", Path.Combine(_dir, "root/usr/local/lib"), "/usr/local/lib",
            "--bind", Path.Combine(_dir, "root/var"), "/var",
            "--tmpfs", "/tmp", "--tmpfs", "/run", "--tmpfs", "/opt",
            "--ro-bind", "/etc", HostEtc,
            "--ro-bind", Path.Combine(_dir, "fakes"), $"{Harness}/fakes",
            "--ro-bind", Path.Combine(_dir, "scenario"), $"{Harness}/scenario",
            "--bind", Path.Combine(_dir, "out"), $"{Harness}/out",
            "--ro-bind", Path.Combine(_dir, "fakes/cfn-signal"), "/opt/aws/bin/cfn-signal",
            "--ro-bind", Path.Combine(_dir, "fakes/cfn-init"), "/opt/aws/bin/cfn-init",
            "--ro-bind", Path.Combine(_dir, "fakes/amazon-cloudwatch-agent-ctl"), "/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl",
            "--chdir", "/",
            "--clearenv",
            "--setenv", "PATH", $"{Harness}/fakes:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "--setenv", "HOME", "/root",
            "--setenv", "LANG", "C.UTF-8",
        ];
        foreach (var arg in rest)
        {
            yield return arg;
        }

        if (File.Exists(Path.Combine(_dir, "user-data")))
        {
            yield return "--ro-bind";
            yield return Path.Combine(_dir, "user-data");
            yield return $"{Harness}/user-data";
        }
    }

    [GeneratedRegex(@"^readonly BOOT_DEADLINE_SECONDS=\d+$", RegexOptions.Multiline)]
    private static partial Regex DeadlineLine();

    [GeneratedRegex(@"^readonly POLL_SECONDS=\d+$", RegexOptions.Multiline)]
    private static partial Regex PollLine();
}
