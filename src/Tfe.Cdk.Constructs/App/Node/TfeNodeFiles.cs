using System.Security.Cryptography;
using System.Text;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;

namespace Tfe.Cdk.Constructs;

/// <summary>One of the node's files: its name in <c>App/Node/scripts/</c>, where cfn-init writes it, its mode and content.</summary>
/// <param name="Name">The file's name in the repository (and in the assembly's resources).</param>
/// <param name="Mode">Its mode on the node, as cfn-init reads it (six octal digits).</param>
/// <param name="Content">Its content, exactly as in the repository.</param>
internal sealed record TfeNodeFile(string Name, string Mode, string Content)
{
    /// <summary>Where cfn-init writes the file on the node.</summary>
    public string NodePath => $"{TfeNodeFiles.Directory}/{Name}";
}

/// <summary>
/// The node's boot logic as files: the scripts and systemd units of <c>App/Node/scripts/</c>, embedded in this assembly
/// (so the NuGet package carries them) and delivered to the node by cfn-init from the launch template's
/// <c>AWS::CloudFormation::Init</c> metadata, never in the user data. They hold no deploy-time value: the user data writes
/// the node's configuration (<c>/etc/tfe/node.conf</c>, <c>settings.env</c>, <c>secrets.list</c>) and then runs
/// <c>tfe-boot.sh</c>. Their SHA-256 is written in the user data, so a change of any byte of them changes the launch
/// template's user data and so gives it a new version (the nodes are replaced).
/// </summary>
internal static class TfeNodeFiles
{
    /// <summary>Where cfn-init writes the files on the node.</summary>
    public const string Directory = "/usr/local/lib/tfe";

    /// <summary>The script the user data runs once cfn-init has written the files.</summary>
    public const string BootScript = Directory + "/tfe-boot.sh";

    private const string ResourcePrefix = "Tfe.Cdk.Constructs.NodeScripts.";

    /// <summary>The executable ones; every other file is 0644 (sourced libraries and systemd units).</summary>
    private static readonly HashSet<string> Executables = new(StringComparer.Ordinal) { "tfe-boot.sh", "tfe-drain-watch.sh", "tfe-firewall.sh", "tfe-initial-admin.sh" };

    private static readonly Lazy<IReadOnlyList<TfeNodeFile>> Loaded = new(() => Load());

    /// <summary>Files that stand in for the embedded ones in this async flow only (tests: a script changed by one byte).</summary>
    private static readonly AsyncLocal<IReadOnlyList<TfeNodeFile>?> Substituted = new();

    /// <summary>Every file, ordered by name.</summary>
    public static IReadOnlyList<TfeNodeFile> All => Substituted.Value ?? Loaded.Value;

    /// <summary>The SHA-256 (hex) of every file's name, mode and content: it changes with any byte of any file.</summary>
    public static string Fingerprint => Substituted.Value is { } files ? ComputeFingerprint(files) : EmbeddedFingerprint.Value;

    private static readonly Lazy<string> EmbeddedFingerprint = new(() => ComputeFingerprint(Loaded.Value));

    /// <summary>
    /// Uses <paramref name="files"/> instead of the embedded files in the calling async flow until the result is disposed:
    /// lets a test synthesize a stack whose node files differ by one byte, and nothing else.
    /// </summary>
    internal static IDisposable Substitute(IReadOnlyList<TfeNodeFile> files)
    {
        var previous = Substituted.Value;
        Substituted.Value = files;
        return new Restore(() => Substituted.Value = previous);
    }

    /// <summary>
    /// The launch template's <c>AWS::CloudFormation::Init</c> metadata: one config (<c>config</c>, which cfn-init runs
    /// when no config set is named) that writes every file, owned by root. Literal text only: no token.
    /// </summary>
    public static Dictionary<string, object> InitMetadata()
    {
        var files = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var file in All)
        {
            files[file.NodePath] = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["content"] = file.Content,
                ["mode"] = file.Mode,
                ["owner"] = "root",
                ["group"] = "root",
            };
        }

        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["config"] = new Dictionary<string, object>(StringComparer.Ordinal) { ["files"] = files },
        };
    }

    /// <summary>
    /// Puts the files in <paramref name="launchTemplate"/>'s <c>AWS::CloudFormation::Init</c> metadata and lets the
    /// nodes' role read it (<c>cloudformation:DescribeStackResource</c> on this stack only, what cfn-init calls).
    /// </summary>
    /// <returns>The launch template's logical id, for cfn-init's <c>--resource</c>.</returns>
    public static string Deliver(LaunchTemplate launchTemplate, IRole role)
    {
        var resource = (CfnResource)launchTemplate.Node.DefaultChild!;
        resource.AddMetadata("AWS::CloudFormation::Init", InitMetadata());
        var stack = Stack.Of(launchTemplate);
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["cloudformation:DescribeStackResource"],
            Resources = [stack.StackId],
        }));
        return stack.GetLogicalId(resource);
    }

    private static List<TfeNodeFile> Load()
    {
        var assembly = typeof(TfeNodeFiles).Assembly;
        var files = new List<TfeNodeFile>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource[ResourcePrefix.Length..];
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The node file {name} is not embedded in {assembly.GetName().Name}.");
            using var reader = new StreamReader(stream, new UTF8Encoding(false));
            files.Add(new TfeNodeFile(name, Executables.Contains(name) ? "000755" : "000644", reader.ReadToEnd()));
        }

        if (!files.Any(f => f.Name == Path.GetFileName(BootScript)))
        {
            throw new InvalidOperationException($"{assembly.GetName().Name} embeds no {Path.GetFileName(BootScript)}: the node files are missing from the build.");
        }

        return files;
    }

    private static string ComputeFingerprint(IReadOnlyList<TfeNodeFile> files)
    {
        var text = new StringBuilder();
        foreach (var file in files)
        {
            text.Append(file.NodePath).Append('\0').Append(file.Mode).Append('\0').Append(file.Content).Append('\0');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private sealed class Restore(System.Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
