using System.Globalization;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The Docker Engine versions a TFE release line supports, by major and minor version: every patch of
/// <c>MinMajor.MinMinor</c> up to every patch of <c>MaxMajor.MaxMinor</c>. HashiCorp lists supported versions as
/// <c>23.0.x</c> ... <c>26.1.x</c>, so patches are never restricted. A null ceiling means "no known ceiling".
/// </summary>
/// <param name="MinMajor">The oldest supported major version.</param>
/// <param name="MinMinor">The oldest supported minor version of <paramref name="MinMajor"/>.</param>
/// <param name="MaxMajor">The newest supported major version, or null when the ceiling is unknown.</param>
/// <param name="MaxMinor">The newest supported minor version of <paramref name="MaxMajor"/>, or null with it.</param>
internal sealed record DockerEngineRange(int MinMajor, int MinMinor, int? MaxMajor, int? MaxMinor)
{
    /// <summary>
    /// A release the support table does not cover: the floor TFE has required since v202111-1 (Docker Engine 20.10, the
    /// node's historical check) and no ceiling.
    /// </summary>
    public static DockerEngineRange Unknown { get; } = new(Defaults.MinDockerEngineMajor, Defaults.MinDockerEngineMinor, null, null);

    /// <summary>Whether Docker Engine <paramref name="major"/>.<paramref name="minor"/> (any patch) is in the range.</summary>
    public bool Contains(int major, int minor) =>
        (major > MinMajor || (major == MinMajor && minor >= MinMinor))
        && (MaxMajor is not { } maxMajor || major < maxMajor || (major == maxMajor && minor <= (MaxMinor ?? int.MaxValue)));

    /// <summary>For messages and docs: <c>23.0 to 26.1</c>, or <c>20.10 or later</c> without a ceiling.</summary>
    public override string ToString() => MaxMajor is { } maxMajor
        ? string.Create(CultureInfo.InvariantCulture, $"{MinMajor}.{MinMinor} to {maxMajor}.{MaxMinor}")
        : string.Create(CultureInfo.InvariantCulture, $"{MinMajor}.{MinMinor} or later");
}
