using System.Net;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// Walks a packet through the rules the fake iptables recorded (<c>out/state/iptables.rules</c>, one
/// "<c>CHAIN match... -j TARGET</c>" per line, in evaluation order) as netfilter's filter table would: from FORWARD (a run
/// container's traffic leaving through the node) or INPUT (to the node itself), into jumped chains and back on RETURN or
/// at a chain's end. Only the matches the node's firewall uses are understood (-i, -d, -p, --dport, and
/// <c>-m conntrack --ctstate ESTABLISHED,RELATED</c>, which a new connection never matches); anything else fails the test.
/// A packet that leaves FORWARD or INPUT without a verdict is left to Docker's own rules: <see cref="Verdict.Docker"/>.
/// </summary>
internal sealed class RunFirewall(IReadOnlyList<string> rules)
{
    public enum Verdict { Drop, Docker, Accept }

    public static RunFirewall Read(BootRun run, string family = "iptables") =>
        new(File.ReadAllLines(Path.Combine(run.Folder, "out", "state", family + ".rules")));

    public IReadOnlyList<string> Rules => rules;

    /// <summary>The rules of one chain, without the chain's name, in order.</summary>
    public IReadOnlyList<string> Chain(string chain) =>
        rules.Where(r => r.StartsWith(chain + " ", StringComparison.Ordinal)).Select(r => r[(chain.Length + 1)..]).ToList();

    /// <summary>A new TCP or UDP connection from interface <paramref name="inInterface"/> to <paramref name="destination"/>.</summary>
    public Verdict Evaluate(string hook, string inInterface, string destination, string protocol, int port) =>
        Walk(hook, inInterface, IPAddress.Parse(destination), protocol, port, depth: 0) ?? Verdict.Docker;

    private Verdict? Walk(string chain, string inInterface, IPAddress destination, string protocol, int port, int depth)
    {
        Assert.True(depth < 8, $"chain loop at {chain}");
        foreach (var rule in Chain(chain))
        {
            var words = rule.Split(' ');
            string? target = null;
            var matches = true;
            for (var i = 0; i < words.Length; i++)
            {
                switch (words[i])
                {
                    case "-i": matches &= words[++i] == inInterface; break;
                    case "-d": matches &= Contains(words[++i], destination); break;
                    case "-p": matches &= words[++i] == protocol; break;
                    case "--dport": matches &= int.Parse(words[++i], System.Globalization.CultureInfo.InvariantCulture) == port; break;
                    case "-m" when words[i + 1] == "conntrack" && words[i + 2] == "--ctstate" && words[i + 3] == "ESTABLISHED,RELATED":
                        matches = false;
                        i += 3;
                        break;
                    case "-j": target = words[++i]; break;
                    default: Assert.Fail($"the packet walk does not understand '{words[i]}' in: {chain} {rule}"); break;
                }
            }

            if (!matches)
            {
                continue;
            }

            switch (target)
            {
                case "DROP": return Verdict.Drop;
                case "ACCEPT": return Verdict.Accept;
                case "RETURN": return null;
                case null: continue;
                default:
                    if (Walk(target, inInterface, destination, protocol, port, depth + 1) is { } verdict)
                    {
                        return verdict;
                    }

                    break;
            }
        }

        return null;
    }

    private static bool Contains(string cidr, IPAddress address) =>
        cidr.Contains('/', StringComparison.Ordinal) ? IPNetwork.Parse(cidr).Contains(address) : IPAddress.Parse(cidr).Equals(address);
}
