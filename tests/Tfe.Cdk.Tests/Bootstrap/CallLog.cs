using System.Text;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>One call of a fake program, as the fake recorded it.</summary>
/// <param name="Index">Its position in the run's call log (0 is the first call).</param>
/// <param name="Program">The program's name (<c>docker</c>, <c>aws</c>, <c>cfn-signal</c>, ...).</param>
/// <param name="Args">Its arguments, exactly as it received them.</param>
internal sealed record Call(int Index, string Program, IReadOnlyList<string> Args)
{
    /// <summary>True when this is <paramref name="program"/> and its arguments start with <paramref name="leading"/>.</summary>
    public bool Is(string program, params string[] leading) =>
        Program == program && Args.Count >= leading.Length && leading.Select((a, i) => Args[i] == a).All(x => x);

    /// <summary>The value after the option <paramref name="name"/>, or null when the call has no such option.</summary>
    public string? Option(string name)
    {
        var i = Args.ToList().IndexOf(name);
        return i >= 0 && i + 1 < Args.Count ? Args[i + 1] : null;
    }

    public override string ToString() => $"{Index,3}: {Program} {string.Join(' ', Args)}";
}

/// <summary>
/// The calls of one run, in order, read from the shared call log the fakes append to (one line per call: the program's
/// name and its arguments, tab-separated, with backslash, tab and newline escaped).
/// </summary>
internal sealed class CallLog(IReadOnlyList<Call> calls)
{
    public IReadOnlyList<Call> All { get; } = calls;

    public static CallLog Parse(string text) => new(text
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select((line, index) =>
        {
            var fields = line.Split('\t').Select(Unescape).ToList();
            return new Call(index, fields[0], fields.Skip(1).ToList());
        })
        .ToList());

    /// <summary>Every call of <paramref name="program"/> whose arguments start with <paramref name="leading"/>.</summary>
    public IReadOnlyList<Call> Of(string program, params string[] leading) => All.Where(c => c.Is(program, leading)).ToList();

    /// <summary>The CloudFormation signals sent, as their <c>--exit-code</c> values.</summary>
    public IReadOnlyList<string?> Signals => Of("cfn-signal").Select(c => c.Option("--exit-code")).ToList();

    /// <summary>The health probes of the node at <paramref name="ip"/>: HTTPS requests pinned to it with <c>--resolve</c>.</summary>
    public IReadOnlyList<Call> HealthProbes(string hostname, string ip = "127.0.0.1") =>
        Of("curl").Where(c => c.Option("--resolve") == $"{hostname}:443:{ip}").ToList();

    public override string ToString() => string.Join('\n', All);

    private static string Unescape(string field)
    {
        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 1 < field.Length)
            {
                i++;
                text.Append(field[i] switch { 't' => '\t', 'n' => '\n', _ => field[i] });
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }
}
