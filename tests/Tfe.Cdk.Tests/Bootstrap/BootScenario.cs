using System.Text.RegularExpressions;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// What the fakes answer during a run, written to <c>scenario/</c> (mounted read-only at <c>/run/harness/scenario</c>)
/// before each run. Sequences are one answer per line: the n-th call gets line n, later calls the last line.
/// See docs/bootstrap-harness.md for every file and knob.
/// </summary>
internal sealed partial class BootScenario
{
    /// <summary><c>FAKE_*</c> knobs (for example <c>FAKE_DOCKER_FAILS=pull</c>), written to <c>scenario/knobs</c>.</summary>
    public Dictionary<string, string> Knobs { get; } = new(StringComparer.Ordinal);

    /// <summary>Secrets Manager: secret id (ARN) to secret string. A missing id is ResourceNotFoundException.</summary>
    public Dictionary<string, string> Secrets { get; } = new(StringComparer.Ordinal);

    /// <summary>IMDS: meta-data path (<c>instance-id</c>, <c>autoscaling/target-lifecycle-state</c>, ...) to a sequence.</summary>
    public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    /// <summary>HTTPS health probes: the IP a probe is pinned to with <c>--resolve</c> to a sequence of statuses
    /// (<c>200</c>, <c>503</c>, <c>refused</c>, <c>timeout</c>). An IP with no entry refuses connections.</summary>
    public Dictionary<string, string> Health { get; } = new(StringComparer.Ordinal);

    /// <summary>AWS CLI answers by file name under <c>aws/</c>: <c>&lt;service&gt;.&lt;operation&gt;.json</c> (the JSON
    /// printed), <c>&lt;service&gt;.&lt;operation&gt;.&lt;n&gt;.json</c> (the n-th call's) or
    /// <c>&lt;service&gt;.&lt;operation&gt;.error</c> (printed to stderr, exit 254).</summary>
    public Dictionary<string, string> Aws { get; } = new(StringComparer.Ordinal);

    /// <summary>Docker: <c>ps.network.&lt;name&gt;</c> to a sequence of the container ids on that network (space-separated,
    /// or <c>none</c>), one answer per <c>docker ps --filter network=&lt;name&gt;</c>.</summary>
    public Dictionary<string, string> Docker { get; } = new(StringComparer.Ordinal);

    /// <summary>iptables rules present at boot, one <c>&lt;chain&gt; &lt;rule&gt;</c> per entry.</summary>
    public List<string> IptablesRules { get; } = [];

    /// <summary>ip6tables rules present at boot, one <c>&lt;chain&gt; &lt;rule&gt;</c> per entry.</summary>
    public List<string> Ip6tablesRules { get; } = [];

    /// <summary>A sequence of answers, one per call (the last repeats).</summary>
    public static string Sequence(params string[] answers) => string.Join('\n', answers) + "\n";

    public void WriteTo(string dir)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
        File.WriteAllLines(Path.Combine(dir, "knobs"), Knobs.Select(k => $"{k.Key}='{k.Value.Replace("'", "'\\''", StringComparison.Ordinal)}'"));
        Write(dir, "secrets", Secrets, KeyOf);
        Write(dir, "metadata", Metadata, path => path);
        Write(dir, "health", Health, KeyOf);
        Write(dir, "aws", Aws, name => name);
        Write(dir, "docker", Docker, name => name);
        File.WriteAllLines(Path.Combine(dir, "iptables.rules"), IptablesRules);
        File.WriteAllLines(Path.Combine(dir, "ip6tables.rules"), Ip6tablesRules);
    }

    /// <summary>A secret id or IP as one file name, as the fakes compute it (lib.sh, <c>key_of</c>).</summary>
    public static string KeyOf(string id) => NotFileNameSafe().Replace(id, "_");

    private static void Write(string dir, string folder, Dictionary<string, string> files, Func<string, string> name)
    {
        foreach (var (key, content) in files)
        {
            var path = Path.Combine(dir, folder, name(key));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex NotFileNameSafe();
}
