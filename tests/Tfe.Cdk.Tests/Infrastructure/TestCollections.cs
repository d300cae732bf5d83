// jsii's runtime is one Node process with one channel: every test that touches a CDK object runs in the assembly's
// single collection, one at a time. The bootstrap harness never touches jsii (it renders scripts from plain records and
// runs them in bubblewrap), so its tests form a second collection that runs beside the synths on the other core.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]

namespace Tfe.Cdk.Tests;

/// <summary>The bootstrap harness's collection: no jsii, so it may run in parallel with the assembly's CDK tests.</summary>
internal static class SandboxCollection
{
    public const string Name = "Bootstrap sandbox (no jsii)";
}
