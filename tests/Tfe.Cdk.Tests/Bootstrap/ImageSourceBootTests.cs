using System.Runtime.Versioning;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// The image from a private source (<c>ImageSource</c>, issue #16 item 6), one boot per source on the Internal NLB variant:
/// the node logs in to the registry of its image with that source's credentials on stdin, never to HashiCorp's registry.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(SandboxCollection.Name)]
public sealed class ImageSourceBootTests
{
    private const string HashiCorpRegistry = "images.releases.hashicorp.com";
    private const string EcrHost = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    private const string Digest = "sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
    private const string EcrToken = "ecr-token-s3cr3t-Lp8Zr4";
    private const string RegistryHost = "registry.example.com:5000";
    private const string RegistrySecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:tfe/registry-EfGhIj";
    private const string RegistryPassword = "registry-s3cr3t-Wq2'$(id)";

    [SandboxFact]
    [Trait("Rule", "COMP-4")]
    public void Ecr_Source_Logs_In_To_The_Repository_Host_With_An_Ecr_Token_On_Stdin_And_Never_To_HashiCorp_COMP_4()
    {
        // A repository of another region than the stack's: the token is asked of the repository's region.
        var image = $"{EcrHost}/hashicorp/terraform-enterprise:1.0.3@{Digest}";
        var configuration = NodeScripts.Configuration(NodeVariant.InternalNlb) with
        {
            Image = image,
            RegistryLogin = TfeImageLogin.Ecr,
            RegistryRegion = "eu-west-1",
        };
        using var node = new NodeMachine(NodeScripts.HealthyScenario());
        node.Scenario.Knobs["FAKE_ECR_TOKEN"] = EcrToken;

        var run = node.Boot(TfeNodeScript.Render(configuration, 1500));

        Assert.True(run.ExitCode == 0, run.ToString());
        var token = run.Calls.Of("aws", "ecr", "get-login-password").Single();
        Assert.Equal("eu-west-1", token.Option("--region"));
        var login = run.Calls.Of("docker", "login").Single();
        Assert.Equal(["login", "--username", "AWS", "--password-stdin", EcrHost], login.Args);
        // The two run as one pipeline (concurrently, so in either order in the log): the token reached docker on stdin.
        Assert.Equal(EcrToken + "\n", node.DockerLoginStdin);
        Assert.Equal(image, run.Calls.Of("docker", "pull").Single().Args[^1]);
        Assert.Equal(["logout", EcrHost], run.Calls.Of("docker", "logout").Single().Args);
        Assert.Equal(string.Empty, node.DockerCredentials);
        AssertNeverOnACommandLine(run, EcrToken);
        Assert.DoesNotContain(run.Calls.All, c => c.Args.Any(a => a.Contains(HashiCorpRegistry, StringComparison.Ordinal)));

        // The license still reaches TFE as a file, which TFE checks at start whatever the image's source.
        Assert.Equal(NodeScripts.SecretValues[NodeScripts.LicenseArn] + "\n", node.ReadFile("/etc/tfe/secrets/license"));
        Assert.Equal(["0"], run.Calls.Signals);
    }

    [SandboxFact]
    [Trait("Rule", "COMP-4")]
    public void Registry_Source_Logs_In_With_The_Secrets_Username_And_Its_Password_On_Stdin_Only_COMP_4()
    {
        var image = $"{RegistryHost}/mirror/terraform-enterprise:1.0.3";
        var configuration = NodeScripts.Configuration(NodeVariant.InternalNlb) with
        {
            Image = image,
            RegistryLogin = TfeImageLogin.Secret,
            RegistrySecretArn = RegistrySecretArn,
        };
        var scenario = NodeScripts.HealthyScenario();
        scenario.Secrets[RegistrySecretArn] = $$"""{"username":"tfe-pull","password":"{{RegistryPassword}}"}""";
        using var node = new NodeMachine(scenario);

        var run = node.Boot(TfeNodeScript.Render(configuration, 1500));

        Assert.True(run.ExitCode == 0, run.ToString());
        var read = run.Calls.Of("aws", "secretsmanager", "get-secret-value").Where(c => c.Option("--secret-id") == RegistrySecretArn);
        var login = run.Calls.Of("docker", "login").Single();
        Assert.True(read.Single().Index < login.Index, run.ToString());
        Assert.Equal(["login", "--username", "tfe-pull", "--password-stdin", RegistryHost], login.Args);
        Assert.Equal(RegistryPassword, node.DockerLoginStdin);
        Assert.Equal(image, run.Calls.Of("docker", "pull").Single().Args[^1]);
        Assert.Equal(["logout", RegistryHost], run.Calls.Of("docker", "logout").Single().Args);
        Assert.Equal(string.Empty, node.DockerCredentials);
        AssertNeverOnACommandLine(run, "registry-s3cr3t");
        Assert.DoesNotContain("registry-s3cr3t", node.DockerRunEnvFile ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Calls.All, c => c.Args.Any(a => a.Contains(HashiCorpRegistry, StringComparison.Ordinal)));
        Assert.Empty(run.Calls.Of("aws", "ecr"));
    }

    private static void AssertNeverOnACommandLine(BootRun run, string secret) =>
        Assert.DoesNotContain(run.Calls.All, c => c.Args.Any(a => a.Contains(secret, StringComparison.Ordinal)));
}
