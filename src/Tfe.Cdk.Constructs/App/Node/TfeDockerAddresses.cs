using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// What a node's Docker may use and what its run containers may not reach, as rendered into <c>/etc/tfe/node.conf</c>
/// (docs/node-lifecycle.md, "Docker's addresses" and "What a run can reach").
/// </summary>
/// <param name="AddressRange">The one IPv4 range Docker takes every address from (the default bridge, the run network, the pools).</param>
/// <param name="BlockedCidrs">Where the run containers may not reach <paramref name="BlockedPorts"/> (the VPC, or every address when its range is unknown).</param>
/// <param name="BlockedPorts">The data tier's and the Vault cluster's ports (TCP).</param>
internal sealed record TfeNodeNetwork(string AddressRange, IReadOnlyList<string> BlockedCidrs, IReadOnlyList<string> BlockedPorts)
{
    /// <summary>The default bridge's gateway address and prefix (Docker's <c>bip</c>): the range's first /24.</summary>
    public string BridgeIp => $"{TfeDockerAddresses.Offset(AddressRange, 1)}/24";

    /// <summary>The run network's subnet: the range's second /24.</summary>
    public string RunSubnet => $"{TfeDockerAddresses.Offset(AddressRange, 256)}/24";

    /// <summary>The pool of every other network Docker creates (<c>default-address-pools</c>, /24 each): the range's upper half.</summary>
    public string Pool
    {
        get
        {
            var (_, prefix) = TfeDockerAddresses.Split(AddressRange);
            return $"{TfeDockerAddresses.Offset(AddressRange, 1L << (32 - prefix - 1))}/{prefix + 1}";
        }
    }

    /// <summary>The library's choice when nothing is known about the VPC (tests, and the harness).</summary>
    public static TfeNodeNetwork Default { get; } = new(TfeDockerAddresses.Candidates[0], [Defaults.VpcCidr], ["5432", TfeNodeSettings.VaultClusterPort.ToString(CultureInfo.InvariantCulture)]);
}

/// <summary>
/// Chooses Docker's address range on the nodes outside the VPC and the ranges the nodes must reach
/// (<see cref="TfeAppTierOptions.ReachableCidrs"/>), or checks the one the user chose
/// (<see cref="TfeAppTierOptions.DockerAddressRange"/>): NET-1.
/// </summary>
internal static class TfeDockerAddresses
{
    /// <summary>The shortest and longest prefix of <see cref="TfeAppTierOptions.DockerAddressRange"/>.</summary>
    public const int MinPrefix = 16;

    /// <inheritdoc cref="MinPrefix"/>
    public const int MaxPrefix = 20;

    /// <summary>
    /// The ranges the library tries, in order: Docker's own default bridge range first (172.17.0.0/16, so most nodes keep
    /// the addresses Docker would give them), then the rest of 172.16.0.0/12, then the shared address space 100.64.0.0/10.
    /// </summary>
    public static readonly IReadOnlyList<string> Candidates =
        Enumerable.Range(17, 15).Select(b => $"172.{b}.0.0/16")
            .Concat(Enumerable.Range(64, 64).Select(b => $"100.{b}.0.0/16"))
            .ToList();

    /// <summary>Refuses a malformed or overlapping range and malformed reachable ranges (NET-1), and chooses the range.</summary>
    /// <param name="check">Where violations go.</param>
    /// <param name="requested"><see cref="TfeAppTierOptions.DockerAddressRange"/>.</param>
    /// <param name="reachable"><see cref="TfeAppTierOptions.ReachableCidrs"/>.</param>
    /// <param name="vpcCidr">The VPC's range, or null when it is unknown at synth (a token, or an imported network without it).</param>
    /// <returns>The range to use, or null when there is none (a violation was recorded).</returns>
    public static string? Choose(RuleCheck check, string? requested, IReadOnlyList<string>? reachable, string? vpcCidr)
    {
        var avoid = new List<(string Name, string Cidr)>();
        if (vpcCidr is not null && !RuleCheck.IsToken(vpcCidr) && IsIpv4Cidr(vpcCidr, 0, 32))
        {
            avoid.Add(("the VPC", vpcCidr));
        }

        check.FailIf(reachable is { Count: 0 }, RuleIds.Net1, "ReachableCidrs", RuleCheck.Describe("[] (empty)"),
            "is empty", "Name the ranges the nodes must reach (corporate networks, peered VPCs, the VPC's secondary ranges), or remove ReachableCidrs");
        foreach (var cidr in reachable ?? [])
        {
            if (RuleCheck.IsToken(cidr))
            {
                check.Warn("reachableCidrToken", RuleIds.Net1, $"ReachableCidrs holds a token ({cidr}): Docker's address range is not checked against it at synth.");
                continue;
            }

            if (!IsIpv4Cidr(cidr, 0, 32))
            {
                check.FailIf(true, RuleIds.Net1, "ReachableCidrs", cidr, "is not an IPv4 CIDR range",
                    "Use the network address and a prefix, such as 172.16.0.0/12");
                continue;
            }

            avoid.Add(($"ReachableCidrs {cidr}", cidr));
        }

        if (requested is not null)
        {
            if (RuleCheck.IsToken(requested))
            {
                check.FailIf(true, RuleIds.Net1, "DockerAddressRange", requested, "is a token",
                    "Docker's addresses are written on the node before it starts and checked at synth: give the range as text, such as 172.17.0.0/16");
                return null;
            }

            if (!IsIpv4Cidr(requested, MinPrefix, MaxPrefix))
            {
                check.FailIf(true, RuleIds.Net1, "DockerAddressRange", requested, $"is not an IPv4 CIDR range with a prefix from /{MinPrefix} to /{MaxPrefix}",
                    "Use the network address and a prefix, such as 172.17.0.0/16: Docker's bridge, the run network and the pools of other networks all come from it");
                return null;
            }

            var clash = avoid.FirstOrDefault(a => Overlap(a.Cidr, requested));
            check.FailIf(clash.Cidr is not null, RuleIds.Net1, "DockerAddressRange", requested,
                $"overlaps {clash.Name} ({clash.Cidr}): the nodes would route those addresses to Docker's bridges instead of the network",
                "Choose a range that overlaps neither the VPC nor any of ReachableCidrs, or remove DockerAddressRange to let the library choose one");
            return clash.Cidr is null ? requested : null;
        }

        var chosen = Candidates.FirstOrDefault(c => !avoid.Any(a => Overlap(a.Cidr, c)));
        check.FailIf(chosen is null, RuleIds.Net1, "ReachableCidrs", RuleCheck.Describe(string.Join(", ", reachable ?? [])),
            "leave no free range for Docker among 172.17.0.0/16 to 172.31.0.0/16 and 100.64.0.0/16 to 100.127.0.0/16 (with the VPC's own range)",
            "Set DockerAddressRange to a /16 to /20 range the nodes never need to reach");
        return chosen;
    }

    /// <summary>The VPC's range when it is known at synth (plain text), else null (a token, or an imported network without it).</summary>
    public static string? KnownVpcCidr(ITfeNetwork? network)
    {
        var cidr = VpcCidrOrNull(network);
        return cidr is not null && !RuleCheck.IsToken(cidr) ? cidr : null;
    }

    /// <summary>The VPC's range (text or token), or null for an imported network that was not given it.</summary>
    public static string? VpcCidrOrNull(ITfeNetwork? network)
    {
        if (network is null)
        {
            return null;
        }

        try
        {
            return network.VpcCidrBlock;
        }
        catch (InvalidOperationException)
        {
            // Not a CDK error (those go through CdkCalls): an imported network's own refusal to give a range it was not given.
            return null;
        }
    }

    /// <summary>
    /// The node's Docker addresses and run-network blocks: the chosen range (the validation has already refused a bad one),
    /// the VPC's range (every address when it is unknown) and the data tier's, Redis's and Vault's cluster ports.
    /// </summary>
    public static TfeNodeNetwork Plan(TfeAppTierOptions o, ITfeNetwork network, ITfeDataTier data, ITfeRedis? redis)
    {
        var range = Choose(new RuleCheck(), o.DockerAddressRange, o.ReachableCidrs, KnownVpcCidr(network))
            ?? throw new InvalidOperationException("Docker's address range was not validated before it was planned.");
        var ports = new List<string> { data.DatabasePort };
        if (redis is not null)
        {
            ports.Add(redis.Port.ToString(CultureInfo.InvariantCulture));
        }

        ports.Add(TfeNodeSettings.VaultClusterPort.ToString(CultureInfo.InvariantCulture));
        return new TfeNodeNetwork(range, [VpcCidrOrNull(network) ?? "0.0.0.0/0"], ports.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>True for an IPv4 network address with a prefix between <paramref name="minPrefix"/> and <paramref name="maxPrefix"/>.</summary>
    internal static bool IsIpv4Cidr(string? cidr, int minPrefix, int maxPrefix)
    {
        if (cidr is null || !IPNetwork.TryParse(cidr, out var network) || network.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        return network.PrefixLength >= minPrefix && network.PrefixLength <= maxPrefix
            && string.Equals(network.ToString(), cidr, StringComparison.Ordinal);
    }

    internal static bool Overlap(string a, string b)
    {
        var x = IPNetwork.Parse(a);
        var y = IPNetwork.Parse(b);
        return x.Contains(y.BaseAddress) || y.Contains(x.BaseAddress);
    }

    internal static (uint Address, int Prefix) Split(string cidr)
    {
        var network = IPNetwork.Parse(cidr);
        var bytes = network.BaseAddress.GetAddressBytes();
        return (((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3], network.PrefixLength);
    }

    /// <summary>The address <paramref name="offset"/> after the range's network address.</summary>
    internal static string Offset(string cidr, long offset)
    {
        var (address, _) = Split(cidr);
        var value = (uint)(address + offset);
        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]).ToString();
    }
}
