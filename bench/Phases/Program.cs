using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Amazon.CDK;
using Tfe.Cdk.Samples;

// Usage: dotnet Phases.dll <EmptyApp|StandaloneApp|ActiveActiveApp|MultiRegionApp> [--warm]
// Prints one line per phase: wall ms, .NET CPU ms, Node CPU ms (both Node processes of the jsii runtime, read from
// /proc). With JSII_DEBUG=1 it also writes "# phase <name>" to stderr before each phase, so bench/roundtrips.py can
// attribute the runtime's request log to phases. --warm builds and synthesizes the same app a second time in the same
// process (jsii and Node already started, the JIT and V8 warm): what construction costs without first-use warm-up.
var sample = args.Length > 0 ? args[0] : "StandaloneApp";
var warm = args.Contains("--warm");
var self = Process.GetCurrentProcess();
var rows = new List<(string Phase, double Wall, double Net, double Node, double Jit, long Methods)>();
var startCpu = self.TotalProcessorTime.TotalMilliseconds;
var startWall = (DateTime.Now - self.StartTime).TotalMilliseconds;
rows.Add((".NET start (to Main)", startWall, startCpu, 0, JitInfo.GetCompilationTime().TotalMilliseconds, JitInfo.GetCompiledMethodCount()));

var clock = Stopwatch.StartNew();
(double Wall, double Net, double Node, double Jit, long Methods) last = (0, startCpu, 0, rows[0].Jit, rows[0].Methods);
void Phase(string name, Action action)
{
    Console.Error.WriteLine($"# phase {name}");
    Console.Error.Flush();
    action();
    self.Refresh();
    var now = (clock.Elapsed.TotalMilliseconds, self.TotalProcessorTime.TotalMilliseconds, NodeCpu(),
        JitInfo.GetCompilationTime().TotalMilliseconds, JitInfo.GetCompiledMethodCount());
    rows.Add((name, now.Item1 - last.Wall, now.Item2 - last.Net, now.Item3 - last.Node, now.Item4 - last.Jit, now.Item5 - last.Methods));
    last = now;
}

for (var round = 1; round <= (warm ? 2 : 1); round++)
{
    var suffix = round == 1 ? "" : " (again, warm)";
    App app = null!;
    Phase("jsii + Node start, new App" + suffix, () => app = sample == "EmptyApp"
        ? new App(new AppProps { AnalyticsReporting = false, Outdir = Outdir() })
        : SampleHost.NewApp());
    Phase("construction" + suffix, () =>
    {
        switch (sample)
        {
            case "EmptyApp":
                new CfnOutput(new Stack(app, "Empty"), "Floor", new CfnOutputProps { Value = "empty" });
                break;
            case "StandaloneApp":
                StandaloneSample.Define(app, SampleHost.Environment());
                break;
            case "ActiveActiveApp":
                ActiveActiveSample.Define(app, SampleHost.Environment());
                break;
            case "MultiRegionApp":
                MultiRegionSample.Define(app, SampleHost.Environment(MultiRegionSample.PrimaryRegion), SampleHost.Environment(MultiRegionSample.DrRegion));
                break;
            default:
                throw new ArgumentException($"unknown sample {sample}");
        }
    });
    Phase("app.Synth()" + suffix, () => app.Synth());
}

Console.Error.WriteLine("# phase end");
Console.WriteLine($"{"phase",-40} {"wall ms",8} {".NET CPU ms",12} {"of it JIT ms",13} {"methods JITted",15} {"Node CPU ms",12}");
foreach (var (phase, wall, net, node, jit, methods) in rows)
{
    Console.WriteLine($"{phase,-40} {wall,8:F0} {net,12:F0} {jit,13:F0} {methods,15} {node,12:F0}");
}

Console.WriteLine($"{"total (Node's exit not included)",-40} {rows.Sum(r => r.Wall),8:F0} {rows.Sum(r => r.Net),12:F0} {rows.Sum(r => r.Jit),13:F0} {rows.Sum(r => r.Methods),15} {rows.Sum(r => r.Node),12:F0}");

static string Outdir() => System.Environment.GetEnvironmentVariable("CDK_OUTDIR") is { Length: > 0 } dir ? dir : Path.Combine(Path.GetTempPath(), "phases.out");

// The CPU time (user + system) of every descendant process: the jsii runtime's Node wrapper and its child.
static double NodeCpu()
{
    var tick = 1000.0 / 100; // USER_HZ is 100 on Linux
    var parents = new Dictionary<int, (int Parent, long Ticks)>();
    foreach (var dir in Directory.EnumerateDirectories("/proc"))
    {
        if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
        try
        {
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            parents[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (IOException) { }
    }

    var me = System.Environment.ProcessId;
    bool Descends(int pid)
    {
        for (var p = pid; parents.TryGetValue(p, out var e) && p > 1; p = e.Parent)
        {
            if (e.Parent == me) return true;
        }
        return false;
    }

    return parents.Where(p => p.Key != me && Descends(p.Key)).Sum(p => p.Value.Ticks) * tick;
}
