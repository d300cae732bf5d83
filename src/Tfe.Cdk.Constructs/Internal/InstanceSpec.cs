using System.Globalization;
using System.Text.RegularExpressions;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// What an EC2, RDS or ElastiCache instance type name tells about its size and kind, read from the name alone
/// (no AWS call): vCPUs from the size, memory from the family's memory-per-vCPU ratio.
/// </summary>
/// <param name="Name">The type as given, for example <c>m5.xlarge</c>, <c>db.m6i.xlarge</c> or <c>cache.m5.large</c>.</param>
/// <param name="Series">The family letters, for example <c>m</c>, <c>t</c>, <c>r</c>.</param>
/// <param name="Generation">The family generation, for example 5.</param>
/// <param name="Attributes">The letters after the generation, for example <c>i</c>, <c>gd</c>, <c>i-flex</c>.</param>
/// <param name="VCpus">vCPUs, or null where the size does not tell (metal).</param>
/// <param name="MemoryGiB">Memory in GiB, or null where the family's ratio is not known.</param>
internal sealed partial record InstanceSpec(string Name, string Series, int Generation, string Attributes, int? VCpus, double? MemoryGiB)
{
    private static readonly Dictionary<string, double> MemoryPerVCpuGiB = new(StringComparer.Ordinal)
    {
        ["m"] = 4, ["c"] = 2, ["r"] = 8, ["x"] = 16, ["z"] = 8, ["t"] = 4,
    };

    /// <summary>T-family types run on CPU credits: not a fixed-performance CPU.</summary>
    public bool IsBurstable => Series == "t";

    /// <summary>Flex types (m7i-flex) give full CPU only part of the time.</summary>
    public bool IsFlex => Attributes.Contains("-flex", StringComparison.Ordinal);

    /// <summary>Graviton (arm64) types: a <c>g</c> among the attribute letters, as in m6g, r7gd, c7gn.</summary>
    public bool IsArm64 => Attributes.Split('-')[0].Contains('g', StringComparison.Ordinal);

    /// <summary>Reads a type name, or returns null when it is not of the form <c>[db.|cache.]family.size</c>.</summary>
    public static InstanceSpec? Parse(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var match = Pattern().Match(name.Trim().ToLowerInvariant());
        if (!match.Success)
        {
            return null;
        }

        var series = match.Groups["series"].Value;
        var size = match.Groups["size"].Value;
        var vcpus = VCpusOf(size);
        double? memory = vcpus is { } v && MemoryPerVCpuGiB.TryGetValue(series, out var ratio) ? v * ratio : null;
        return new InstanceSpec(
            name,
            series,
            int.Parse(match.Groups["gen"].Value, CultureInfo.InvariantCulture),
            match.Groups["attrs"].Value,
            vcpus,
            memory);
    }

    /// <summary>True when the type has at least the given vCPUs and memory; null when the name does not tell.</summary>
    public bool? Meets(int minVCpus, double minMemoryGiB) =>
        Size == "metal" ? true : VCpus is null || MemoryGiB is null ? null : VCpus >= minVCpus && MemoryGiB >= minMemoryGiB;

    private string Size => Name[(Name.LastIndexOf('.') + 1)..].ToLowerInvariant();

    private static int? VCpusOf(string size) => size switch
    {
        "nano" or "micro" or "small" => 1,
        "medium" or "large" => 2,
        "xlarge" => 4,
        "metal" => null,
        _ when size.EndsWith("xlarge", StringComparison.Ordinal)
            && int.TryParse(size[..^"xlarge".Length], NumberStyles.None, CultureInfo.InvariantCulture, out var n) => 4 * n,
        _ => null,
    };

    [GeneratedRegex(@"^(?:db\.|cache\.)?(?<series>[a-z]+?)(?<gen>\d+)(?<attrs>[a-z]*(?:-flex)?)\.(?<size>[a-z0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
