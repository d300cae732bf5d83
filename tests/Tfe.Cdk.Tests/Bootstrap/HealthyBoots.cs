using System.Collections.Concurrent;
using System.Runtime.Versioning;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>One healthy boot of a variant: the machine it ran on (read it, never run on it) and what the boot did.</summary>
internal sealed record SharedBoot(NodeMachine Node, BootRun Run);

/// <summary>
/// One boot per variant of <see cref="NodeScripts.HealthyScenario"/> (TFE answering its health probes <see cref="Health"/>:
/// refused, 503, then 200; the image user's group <see cref="ImageGid"/>) with <see cref="NodeScripts.Render"/>, the
/// default deadline and poll, shared by every test of the run (the sandbox collection) that asserts on a healthy boot.
/// A boot costs a sandboxed run of the whole user data; about thirty tests assert on these same three boots, each on
/// what it proves. Booted on first use, so a machine without the sandbox's tools skips those tests instead of failing here.
/// <list type="bullet">
/// <item><see cref="Of"/>: the boot itself, to assert on its calls, output and files. Never change or run on its node.</item>
/// <item><see cref="Copy"/>: a machine of its own in the booted state, to run something on (the watchdog, the drain
/// watcher, a systemd unit) with a scenario the test changes; dispose it.</item>
/// </list>
/// A test that needs anything else before or during the boot (another scenario, timing or script) boots its own machine.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class HealthyBoots
{
    /// <summary>What this node's TFE answers the boot's health probes: not up, starting, healthy (a healthy boot that waits).</summary>
    public static readonly string Health = BootScenario.Sequence("refused", "503", "200");

    /// <summary>The TFE image user's group the fake Docker answers (<c>id -g</c>): not the fake's default 1000, so a test sees it was read.</summary>
    public const string ImageGid = "4242";

    private static readonly ConcurrentDictionary<NodeVariant, Lazy<SharedBoot>> Boots = new();

    /// <summary>The shared healthy boot of <paramref name="variant"/>; asserts it succeeded.</summary>
    public static SharedBoot Of(NodeVariant variant) =>
        Boots.GetOrAdd(variant, v => new Lazy<SharedBoot>(() => Boot(v), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>A machine of the caller's own in the state the shared boot of <paramref name="variant"/> left, answering a fresh healthy scenario.</summary>
    public static NodeMachine Copy(NodeVariant variant) => NodeMachine.CopyOf(Of(variant).Node, NodeScripts.HealthyScenario());

    /// <summary>The sandbox collection ended: deletes the shared boots' folders (kept with <c>TFE_BOOT_KEEP=1</c>).</summary>
    internal static void DisposeAll()
    {
        foreach (var boot in Boots.Values.Where(b => b.IsValueCreated))
        {
            boot.Value.Node.Dispose();
        }

        Boots.Clear();
    }

    private static SharedBoot Boot(NodeVariant variant)
    {
        var node = new NodeMachine(NodeScripts.HealthyScenario());
        node.Scenario.Health["127.0.0.1"] = Health;
        node.Scenario.Knobs["FAKE_DOCKER_IMAGE_GID"] = ImageGid;
        var run = node.Boot(NodeScripts.Render(variant));
        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        return new SharedBoot(node, run);
    }
}

/// <summary>
/// Held by the sandbox collection while it runs (an xunit collection fixture; xunit has no assembly fixture, and the test
/// host ends without running exit handlers): when the collection ends it deletes the shared boots' folders.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class HealthyBootsLease : IDisposable
{
    public void Dispose() => HealthyBoots.DisposeAll();
}

/// <summary>The sandbox collection, with its lease on the shared boots.</summary>
[CollectionDefinition(SandboxCollection.Name)]
public sealed class SandboxCollectionDefinition : ICollectionFixture<HealthyBootsLease>;

