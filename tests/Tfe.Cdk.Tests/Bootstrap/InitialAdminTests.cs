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

    [SandboxFact]
    [Trait("Rule", "OPS-5")]
    public void Creates_The_First_Admin_Through_Tfe_On_This_Node_With_The_Token_Off_Every_Command_Line()
    {
        using var node = HealthyBoots.Copy(NodeVariant.Standalone);
        node.Scenario.Knobs["FAKE_IACT_TOKEN"] = "iact-s3cr3t-Qw8Er";
        node.Scenario.Knobs["FAKE_ADMIN_API_TOKEN"] = "admin-api-s3cr3t.atlasv1.Ty6Ui";

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

    [SandboxTheory]
    [InlineData("short", "", "the password must be at least 10 characters long")]
    [InlineData(Password, "FAKE_TFE_HAS_USERS", "TFE refused to create the initial admin")]
    [InlineData(Password, "FAKE_DOCKER_FAILS", "cannot read the initial admin creation token")]
    [Trait("Rule", "OPS-5")]
    public void Fails_Loudly_And_Creates_Nothing_When_It_Cannot(string password, string knob, string message)
    {
        using var node = HealthyBoots.Copy(NodeVariant.Standalone);
        if (knob.Length > 0)
        {
            node.Scenario.Knobs[knob] = knob == "FAKE_DOCKER_FAILS" ? "exec" : "1";
        }

        var run = node.Run("/bin/bash", "-c", $"printf '%s\\n' '{password}' | {Script} admin admin@example.com");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("tfe-initial-admin: FAILED: " + message, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    private const string AdminSecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:TfeAppInitialAdmin-AbCdEf";
    private const string GeneratedPassword = "generated-s3cr3t-Pw0123456789";

    [SandboxFact]
    [Trait("Rule", "COMP-4")]
    public void With_InitialAdmin_The_Node_Creates_The_Admin_After_Tfe_Is_Healthy_And_Stores_Its_Token_Off_Every_Command_Line()
    {
        using var node = AdminNode("""{"username":"admin","email":"admin@example.com","password":"generated-s3cr3t-Pw0123456789"}""");

        var run = node.Boot(AdminScript());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["0"], run.Calls.Signals);
        var post = run.Calls.Of("curl").Single(c => c.Option("--request") == "POST");
        var put = run.Calls.Of("aws", "secretsmanager", "put-secret-value").Single();
        Assert.True(run.Calls.HealthProbes(NodeScripts.Hostname).Where(p => p.Option("--request") is null).Max(p => p.Index) < post.Index, "the admin is created once TFE reports healthy");
        Assert.True(put.Index < run.Calls.Of("cfn-signal").Single().Index, "and stored before the node signals success");
        Assert.Equal(AdminSecretArn, put.Option("--secret-id"));
        Assert.Equal("file:///dev/stdin", put.Option("--secret-string"));
        foreach (var call in run.Calls.All)
        {
            Assert.DoesNotContain(call.Args, a => a.Contains("iact-s3cr3t", StringComparison.Ordinal) || a.Contains(GeneratedPassword, StringComparison.Ordinal)
                || a.Contains("admin-api-s3cr3t", StringComparison.Ordinal));
        }

        var sent = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Folder, "out/state/initial-admin-user.json"))).RootElement;
        Assert.Equal(GeneratedPassword, sent.GetProperty("password").GetString());
        var stored = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Folder, "out/state/put-secret-value", Key(AdminSecretArn)))).RootElement;
        Assert.Equal(["username", "email", "password", "token"], stored.EnumerateObject().Select(p => p.Name));
        Assert.Equal("admin-api-s3cr3t.atlasv1.Ty6Ui", stored.GetProperty("token").GetString());
        Assert.Equal(GeneratedPassword, stored.GetProperty("password").GetString());
        Assert.Contains($"initial admin: created; its API token is in {AdminSecretArn}", run.Stderr, StringComparison.Ordinal);
    }

    [SandboxFact]
    [Trait("Rule", "COMP-4")]
    public void A_Later_Node_Finds_The_Token_Stored_And_Creates_Nothing()
    {
        using var node = AdminNode("""{"username":"admin","email":"admin@example.com","password":"generated-s3cr3t-Pw0123456789","token":"admin-api-s3cr3t.atlasv1.Ty6Ui"}""");

        var run = node.Boot(AdminScript());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["0"], run.Calls.Signals);
        Assert.Empty(run.Calls.Of("docker", "exec"));
        Assert.DoesNotContain(run.Calls.Of("curl"), c => c.Option("--request") == "POST");
        Assert.Empty(run.Calls.Of("aws", "secretsmanager", "put-secret-value"));
        Assert.Contains("initial admin: created before", run.Stderr, StringComparison.Ordinal);
    }

    [SandboxTheory]
    [InlineData("FAKE_TFE_HAS_USERS", "initial admin: NOT created")]
    [InlineData("FAKE_PUT_SECRET_VALUE_FAILS", "initial admin: created, but its API token could not be stored")]
    [Trait("Rule", "COMP-4")]
    public void A_Node_That_Cannot_Create_Or_Store_The_Admin_Says_So_And_Boots_On(string knob, string message)
    {
        using var node = AdminNode("""{"username":"admin","email":"admin@example.com","password":"generated-s3cr3t-Pw0123456789"}""");
        node.Scenario.Knobs[knob] = "1";

        var run = node.Boot(AdminScript());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["0"], run.Calls.Signals);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
    }

    private static NodeMachine AdminNode(string secret)
    {
        var scenario = NodeScripts.HealthyScenario();
        scenario.Secrets[AdminSecretArn] = secret;
        scenario.Knobs["FAKE_IACT_TOKEN"] = "iact-s3cr3t-Qw8Er";
        scenario.Knobs["FAKE_ADMIN_API_TOKEN"] = "admin-api-s3cr3t.atlasv1.Ty6Ui";
        return new NodeMachine(scenario);
    }

    private static string AdminScript() =>
        Tfe.Cdk.Constructs.TfeNodeScript.Render(NodeScripts.Configuration(NodeVariant.ActiveActive) with { InitialAdminSecretArn = AdminSecretArn }, 1500);

    private static string Key(string id) => System.Text.RegularExpressions.Regex.Replace(id, "[^A-Za-z0-9._-]", "_");
}
