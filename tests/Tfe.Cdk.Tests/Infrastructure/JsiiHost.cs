using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Tfe.Cdk.Tests;

/// <summary>
/// How the test run talks to jsii, set once when the test assembly loads (before any CDK object exists): Node's
/// version warnings silenced, and, on Linux, jsii's kernel run without its relay process.
/// </summary>
/// <remarks>
/// jsii's .NET runtime starts <c>node bin/jsii-runtime.js</c>, a relay that starts the kernel (<c>lib/program.js</c>)
/// in a second Node process and copies every request and every response between the two (the kernel talks on file
/// descriptor 3). Every round trip waits for those copies: in a CPU profile of the CDK tests, 9% of all samples (~5 s)
/// were in the relay process, all on the run's critical path (docs/checks.md). The test run therefore
/// starts the kernel itself (jsii's <c>JSII_RUNTIME</c> setting): the same <c>program.js</c>, taken from the
/// <c>Amazon.JSII.Runtime</c> assembly, with its channel on standard input and output (each opened again through
/// <c>/proc/self/fd</c>, so Node's own handling of those streams never makes them non-blocking) and anything the kernel
/// would print on standard output sent to standard error, as the relay does. Where the kernel's channel line is not
/// exactly as expected (another jsii version), or off Linux, or with <c>TFE_TEST_JSII_RELAY=1</c>, the run keeps
/// jsii's relay: slower, never different.
/// </remarks>
internal static class JsiiHost
{
    private const string KernelResource = "Amazon.JSII.Runtime.jsii_runtime.lib.program.js";
    private const string Channel = "        readFD: 3,\n        writeFD: 3\n";
    private const string DirectChannel =
        "        readFD: require(\"fs\").openSync(\"/proc/self/fd/0\", \"r\"),\n" +
        "        writeFD: require(\"fs\").openSync(\"/proc/self/fd/1\", \"w\")\n";

    [ModuleInitializer]
    internal static void Configure()
    {
        Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1");
        Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1");
        Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_KNOWN_BROKEN_NODE_VERSION", "1");
        Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "18,20,22,24");
        if (Environment.GetEnvironmentVariable("TFE_TEST_JSII_RELAY") != "1"
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("JSII_RUNTIME"))
            && DirectKernel() is { } kernel)
        {
            Environment.SetEnvironmentVariable("JSII_RUNTIME", kernel);
        }
    }

    /// <summary>The path of the kernel to start without the relay (written if missing), or null where it cannot be made.</summary>
    internal static string? DirectKernel()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self/fd"))
        {
            return null;
        }

        using var resource = typeof(Amazon.JSII.Runtime.Deputy.DeputyBase).Assembly.GetManifestResourceStream(KernelResource);
        if (resource is null)
        {
            return null;
        }

        var kernel = new StreamReader(resource, Encoding.UTF8).ReadToEnd();
        var at = kernel.IndexOf(Channel, StringComparison.Ordinal);
        if (at < 0 || kernel.IndexOf(Channel, at + 1, StringComparison.Ordinal) >= 0)
        {
            return null;
        }

        var direct = "process.stdout.write = process.stderr.write.bind(process.stderr);\n" +
            kernel[..at] + DirectChannel + kernel[(at + Channel.Length)..];
        // One file per kernel text, written once and renamed into place: concurrent test runs share it safely.
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(direct)))[..16].ToLowerInvariant();
        var path = Path.Combine(Path.GetTempPath(), $"tfe-cdk-tests-jsii-{hash}", "program.js");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var partial = path + "." + Environment.ProcessId;
            File.WriteAllText(partial, direct);
            File.Move(partial, path, overwrite: true);
        }

        return path;
    }
}
