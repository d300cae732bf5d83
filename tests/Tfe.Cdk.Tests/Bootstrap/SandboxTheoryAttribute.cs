namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>A theory that runs in the bootstrap harness's sandbox: skipped, with the command that enables it, where the sandbox's tools are missing (<see cref="SandboxRequirement"/>).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SandboxTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> from <see cref="SandboxRequirement.Skip"/>.</summary>
    public SandboxTheoryAttribute() => Skip = SandboxRequirement.Skip;
}
