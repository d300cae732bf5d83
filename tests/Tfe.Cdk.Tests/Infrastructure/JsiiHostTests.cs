namespace Tfe.Cdk.Tests;

/// <summary>
/// The test run's own jsii kernel (<see cref="JsiiHost"/>): on Linux it is what the run uses, so a jsii update that moves
/// the kernel's channel line shows up here instead of silently bringing the relay's cost back.
/// </summary>
public sealed class JsiiHostTests
{
    [Fact]
    public void On_Linux_The_Run_Starts_The_Kernel_Without_The_Relay()
    {
        var kernel = JsiiHost.DirectKernel();
        if (!OperatingSystem.IsLinux())
        {
            Assert.Null(kernel);
            return;
        }

        Assert.NotNull(kernel);
        // TFE_TEST_JSII_RELAY=1 keeps jsii's relay (JSII_RUNTIME unset); otherwise the run uses the direct kernel.
        Assert.Equal(Environment.GetEnvironmentVariable("TFE_TEST_JSII_RELAY") == "1" ? null : kernel,
            Environment.GetEnvironmentVariable("JSII_RUNTIME"));
        var text = File.ReadAllText(kernel);
        Assert.Contains("readFD: require(\"fs\").openSync(\"/proc/self/fd/0\", \"r\")", text, StringComparison.Ordinal);
        Assert.Contains("writeFD: require(\"fs\").openSync(\"/proc/self/fd/1\", \"w\")", text, StringComparison.Ordinal);
        Assert.DoesNotContain("readFD: 3", text, StringComparison.Ordinal);
        Assert.StartsWith("process.stdout.write = process.stderr.write.bind(process.stderr);\n", text, StringComparison.Ordinal);
    }
}
