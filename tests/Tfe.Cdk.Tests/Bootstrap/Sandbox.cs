using System.Diagnostics;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// bubblewrap (<c>bwrap</c>), which the bootstrap harness runs the node's user data in: its own mount, network, PID and
/// user namespaces, the real root read-only, and writable folders only where the script writes.
/// </summary>
internal static class Sandbox
{
    public const string InstallHint =
        "bubblewrap (bwrap) is not on PATH: the bootstrap harness runs each node's user data in it (docs/bootstrap-harness.md). " +
        "Install it: apt-get install bubblewrap";

    private static readonly Lazy<string> Bwrap = new(() => Locate(Environment.GetEnvironmentVariable("PATH")));

    /// <summary>The <c>bwrap</c> on this machine's PATH; throws, naming the package to install, when there is none.</summary>
    public static string Executable => Bwrap.Value;

    /// <summary>Finds <c>bwrap</c> on <paramref name="path"/> (a PATH value).</summary>
    public static string Locate(string? path)
    {
        foreach (var dir in (path ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "bwrap");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(InstallHint);
    }

    /// <summary>Runs <paramref name="script"/> (which starts bwrap) under bash; kills it and all it started after <paramref name="timeout"/>.</summary>
    public static (int ExitCode, string Stdout, string Stderr, bool TimedOut, TimeSpan Elapsed) Run(string script, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("/bin/bash")
        {
            ArgumentList = { script },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var timedOut = !process.WaitForExit(timeout);
        if (timedOut)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        return (timedOut ? -1 : process.ExitCode, stdout.Result, stderr.Result, timedOut, clock.Elapsed);
    }
}
