// jsii's runtime is one Node process with one channel: every test that touches a CDK object runs in the assembly's
// single collection, one at a time. The bootstrap harness never touches jsii (it renders scripts from plain records and
// runs them in bubblewrap), so its tests form two more collections, balanced by measured run time: whichever of the three
// is left runs on both cores once the synths are done.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]

namespace Tfe.Cdk.Tests;

/// <summary>The bootstrap harness's collections: no jsii, so they may run in parallel with the assembly's CDK tests and each other.</summary>
internal static class SandboxCollection
{
    /// <summary>Boot, secrets, gate edges, run hosts, drain, registration, Docker addresses (about half the harness's run time).</summary>
    public const string Name = "Bootstrap sandbox (no jsii)";

    /// <summary>
    /// Watchdog, fence, initial admin, firewall, metrics, boot gate and the small suites (the other half), and the
    /// database-user handler's run against PostgreSQL (no jsii either).
    /// </summary>
    public const string Second = "Bootstrap sandbox, second half (no jsii)";
}
