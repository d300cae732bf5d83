// jsii's runtime is one Node process with one channel: every test that touches a CDK object runs in the assembly's
// single collection, one at a time, and that queue is the run's long pole. The bootstrap harness and the PostgreSQL
// handler test never touch jsii, so they form one more collection that runs beside it, its sandboxes at a lower
// priority (nice 10). One collection, not two: with two, the three collections shared xunit's two threads, and about one
// run in three had the CDK queue wait for a thread while both harness tests waited on their processes (the same CPU
// work, 15-20 s longer, with the cores idle; docs/checks.md).
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]

namespace Tfe.Cdk.Tests;

/// <summary>The collection of the tests that never touch jsii: they run beside the assembly's CDK tests.</summary>
internal static class SandboxCollection
{
    /// <summary>The bootstrap harness (every sandboxed run) and the database-user handler's run against PostgreSQL.</summary>
    public const string Name = "Bootstrap sandbox (no jsii)";
}
