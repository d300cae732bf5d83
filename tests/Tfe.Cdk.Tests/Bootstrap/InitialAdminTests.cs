using System.Runtime.Versioning;
using System.Text.Json;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// The first admin, created from a node (<c>tfe-initial-admin.sh</c>, issue 18: the initial admin creation token never
/// travels through the load balancer, whose access logs record URLs, nor on a command line).
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(SandboxCollection.Name)]
public sealed class InitialAdminTests
{
    private const string Script = "/usr/local/lib/tfe/tfe-initial-admin.sh";
    private const string Password = "correct-horse-battery-staple";

    [Fact]
    [Trait("Rule", "OPS-5")]
    public void Creates_The_First_Admin_Through_Tfe_On_This_Node_With_The_Token_Off_Every_Command_Line()
    {
        using var node = new NodeMachine(NodeScripts.HealthyScenario());
        node.Scenario.Knobs["FAKE_IACT_TOKEN"] = "iact-s3cr3t-Qw8Er";
        node.Scenario.Knobs["FAKE_ADMIN_API_TOKEN"] = "admin-api-s3cr3t.atlasv1.Ty6Ui";
        Assert.True(node.Boot(NodeScripts.Render(NodeVariant.Standalone)).ExitCode == 0);

        var run = node.Run("/bin/bash", "-c", $"printf '%s\\n' '{Password}' | {Script} admin admin@example.com");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["exec", "terraform-enterprise", "tfectl", "admin", "token"], run.Calls.Of("docker", "exec").Single().Args);
        var post = run.Calls.Of("curl").Single();
        Assert.Equal($"{NodeScripts.Hostname}:443:127.0.0.1", post.Option("--resolve"));
        Assert.Equal("POST", post.Option("--request"));
        foreach (var call in run.Calls.All)
        {
            Assert.DoesNotContain(call.Args, a => a.Contains("iact-s3cr3t", StringComparison.Ordinal) || a.Contains(Password, StringComparison.Ordinal));
        }

        var body = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Folder, "out/state/initial-admin-user.json"))).RootElement;
        Assert.Equal("admin", body.GetProperty("username").GetString());
        Assert.Equal("admin@example.com", body.GetProperty("email").GetString());
        Assert.Equal(Password, body.GetProperty("password").GetString());
        Assert.Equal("admin-api-s3cr3t.atlasv1.Ty6Ui", JsonDocument.Parse(run.Stdout).RootElement.GetProperty("token").GetString());
    }

    [Theory]
    [InlineData("short", "", "the password must be at least 10 characters long")]
    [InlineData(Password, "FAKE_TFE_HAS_USERS", "TFE refused to create the initial admin")]
    [InlineData(Password, "FAKE_DOCKER_FAILS", "cannot read the initial admin creation token")]
    [Trait("Rule", "OPS-5")]
    public void Fails_Loudly_And_Creates_Nothing_When_It_Cannot(string password, string knob, string message)
    {
        using var node = new NodeMachine(NodeScripts.HealthyScenario());
        Assert.True(node.Boot(NodeScripts.Render(NodeVariant.Standalone)).ExitCode == 0);
        if (knob.Length > 0)
        {
            node.Scenario.Knobs[knob] = knob == "FAKE_DOCKER_FAILS" ? "exec" : "1";
        }

        var run = node.Run("/bin/bash", "-c", $"printf '%s\\n' '{password}' | {Script} admin admin@example.com");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("tfe-initial-admin: FAILED: " + message, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }
}
