using System.Runtime.Versioning;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>Internal NLB (TLS-5), run: the node registers its own IP at boot and deregisters it when the unit stops.</summary>
[SupportedOSPlatform("linux")]
[Collection(SandboxCollection.Name)]
public sealed class TargetRegistrationTests
{
    private const string Unit = "/etc/systemd/system/tfe-target-registration.service";

    [SandboxFact]
    [Trait("Rule", "TLS-5")]
    public void Registers_Its_Own_Ip_At_Boot_And_Deregisters_It_At_Shutdown_TLS_5()
    {
        using var node = HealthyBoots.Copy(NodeVariant.InternalNlb); // the shared boot's state, to stop the unit on
        var boot = HealthyBoots.Of(NodeVariant.InternalNlb).Run;
        var targets = $"Id={NodeScripts.PrivateIp},Port=443";

        var unit = node.ReadFile(Unit);
        Assert.Contains($"ExecStart=/usr/bin/aws elbv2 register-targets --region us-east-1 --target-group-arn {NodeScripts.TargetGroupArn} --targets {targets}\n", unit, StringComparison.Ordinal);
        Assert.Contains($"ExecStop=/usr/bin/aws elbv2 deregister-targets --region us-east-1 --target-group-arn {NodeScripts.TargetGroupArn} --targets {targets}\n", unit, StringComparison.Ordinal);
        // The fake systemctl runs a oneshot unit's ExecStart as systemd would: the registration really happens, after
        // TFE reported healthy and before the success signal.
        var register = boot.Calls.Of("aws", "elbv2", "register-targets").Single();
        Assert.Equal(targets, register.Option("--targets"));
        Assert.Equal(NodeScripts.TargetGroupArn, register.Option("--target-group-arn"));
        Assert.True(boot.Calls.HealthProbes(NodeScripts.Hostname)[^1].Index < register.Index, boot.ToString());
        Assert.True(register.Index < boot.Calls.Of("cfn-signal").Single().Index, boot.ToString());
        Assert.Empty(boot.Calls.Of("aws", "elbv2", "deregister-targets"));

        var shutdown = node.Run("systemctl", "stop", "tfe-target-registration.service");

        Assert.True(shutdown.ExitCode == 0, shutdown.ToString());
        Assert.Equal(targets, shutdown.Calls.Of("aws", "elbv2", "deregister-targets").Single().Option("--targets"));
    }

    [SandboxFact]
    [Trait("Rule", "COMP-3")]
    public void Fails_When_The_Registration_Fails_COMP_3()
    {
        using var node = new NodeMachine(NodeScripts.HealthyScenario());
        node.Scenario.Aws.Remove("elbv2.register-targets.json");
        node.Scenario.Aws["elbv2.register-targets.error"] =
            "An error occurred (AccessDenied) when calling the RegisterTargets operation: not authorized\n";

        var run = node.Boot(NodeScripts.Render(NodeVariant.InternalNlb));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(["1"], run.Calls.Signals);
        Assert.Contains("AccessDenied", run.Stderr, StringComparison.Ordinal);
    }
}
