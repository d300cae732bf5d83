using System.Runtime.Versioning;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// Where a node's secrets go (issue 18, items 1 and 5): the license and passwords reach TFE as files, never in the
/// container's configuration (what <c>docker inspect</c> prints) nor in any argv; the TLS key and the secret files are
/// readable by root and the TFE image's group only; the registry login does not outlive the pull.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(SandboxCollection.Name)]
public sealed class NodeSecretsTests
{
    private const UnixFileMode Mode0750 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
    private const UnixFileMode Mode0640 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
    private const UnixFileMode Mode0644 = Mode0640 | UnixFileMode.OtherRead;
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [SandboxTheory]
    [InlineData(NodeVariant.Standalone)]
    [InlineData(NodeVariant.ActiveActive)]
    [InlineData(NodeVariant.InternalNlb)]
    [Trait("Rule", "COMP-4")]
    public void Secrets_Reach_Tfe_As_Files_And_Never_The_Containers_Configuration_COMP_4(NodeVariant variant)
    {
        var (node, run) = HealthyBoots.Of(variant);

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var call in run.Calls.All)
        {
            foreach (var secret in NodeScripts.SecretFragments)
            {
                Assert.False(call.Args.Any(a => a.Contains(secret, StringComparison.Ordinal)), $"secret {secret} in the argv of: {call}");
            }
        }

        // What Docker copies into the container's configuration (Config.Env, docker inspect): the env file as docker read it.
        var tfe = run.Calls.Of("docker", "run").Single();
        Assert.Equal("/etc/tfe/tfe.env", tfe.Option("--env-file"));
        var containerEnv = node.DockerRunEnvFile;
        Assert.NotNull(containerEnv);
        Assert.All(NodeScripts.SecretFragments, secret => Assert.DoesNotContain(secret, containerEnv, StringComparison.Ordinal));
        var envLines = containerEnv.Split('\n');
        Assert.Contains($"TFE_LICENSE_PATH={TfeNodeSettings.LicensePath}", envLines);
        Assert.Contains($"TFE_HOSTNAME={NodeScripts.Hostname}", envLines);
        Assert.DoesNotContain(envLines, l => l.StartsWith("TFE_LICENSE=", StringComparison.Ordinal) || l.Contains("PASSWORD=", StringComparison.Ordinal));

        // The secret files, mounted read-only; the license where TFE_LICENSE_PATH points.
        Assert.Contains($"/etc/tfe/secrets:{TfeNodeSettings.SecretsDirectory}:ro", tfe.Args);
        Assert.Equal(NodeScripts.SecretValues[NodeScripts.LicenseArn] + "\n", node.ReadFile("/etc/tfe/secrets/license"));

        // The settings TFE reads only from its environment: exported by the container's shell from secrets.env, then the
        // image's own entrypoint and command run unchanged (exec "$@").
        Assert.Equal("/bin/sh", tfe.Option("--entrypoint"));
        var image = Array.IndexOf(tfe.Args.ToArray(), NodeScripts.Configuration(variant).Image);
        Assert.Equal(
            ["-c", $"set -a && . '{TfeNodeSettings.SecretsDirectory}/secrets.env' && set +a && exec \"$@\"", "tfe-secrets", "/usr/local/bin/fake-tfe-entrypoint", "serve", "--all"],
            tfe.Args.Skip(image + 1));
        using var copy = HealthyBoots.Copy(variant); // sourcing runs on the machine: on a copy, never on the shared boot
        var exported = Exported(copy, "/etc/tfe/secrets/secrets.env", NodeScripts.SecretSettings(variant).Keys);
        Assert.Equal(NodeScripts.SecretSettings(variant), exported);

        // Active/Active signs in to Redis with the node role (TfeRedisAuthentication.Iam): no AUTH token is fetched or written.
        var fetched = run.Calls.Of("aws", "secretsmanager", "get-secret-value").Select(c => c.Option("--secret-id")).ToList();
        Assert.DoesNotContain(fetched, arn => arn!.Contains("RedisAuthToken", StringComparison.Ordinal));
        Assert.DoesNotContain("TFE_REDIS_PASSWORD", node.ReadFile("/etc/tfe/secrets/secrets.env"), StringComparison.Ordinal);
        if (variant == NodeVariant.ActiveActive)
        {
            Assert.Contains($"TFE_REDIS_USER={NodeScripts.RedisIam.UserName}", envLines);
            Assert.Contains("TFE_REDIS_PASSWORDLESS_AWS_USE_INSTANCE_PROFILE=true", envLines);
            Assert.Contains($"TFE_REDIS_PASSWORDLESS_AWS_HOST_NAME={NodeScripts.RedisIam.ReplicationGroupId}", envLines);
            Assert.Contains("TFE_REDIS_PASSWORDLESS_AWS_REGION=us-east-1", envLines);
            Assert.Equal(3, fetched.Count); // the license, the encryption password and the database secret
        }
    }

    [SandboxTheory]
    [InlineData(NodeVariant.Standalone)]
    [InlineData(NodeVariant.InternalNlb)]
    [Trait("Rule", "COMP-4")]
    public void Tls_Key_And_Secret_Files_Are_Readable_By_Root_And_The_Image_Users_Group_Only_COMP_4(NodeVariant variant)
    {
        var (node, run) = HealthyBoots.Of(variant); // the image user's group is HealthyBoots.ImageGid, 4242

        Assert.True(run.ExitCode == 0, run.ToString());
        var probe = run.Calls.Of("docker", "container", "run").Single();
        Assert.Equal(["--rm", "--network", "none", "--entrypoint", "/bin/sh", NodeScripts.Configuration(variant).Image, "-c", "id -g"], probe.Args.Skip(2));
        var chown = run.Calls.Of("chown").Single();
        Assert.Equal([$"root:{HealthyBoots.ImageGid}", "/etc/tfe/tls", "/etc/tfe/tls/key.pem", "/etc/tfe/secrets", "/etc/tfe/secrets/license", "/etc/tfe/secrets/secrets.env"], chown.Args);
        Assert.True(probe.Index > run.Calls.Of("docker", "pull").Single().Index, "the group is read from the pulled image");
        Assert.True(chown.Index < run.Calls.Of("docker", "run").Single().Index, "the files are TFE's before TFE starts");

        Assert.Equal(Mode0750, File.GetUnixFileMode(node.HostPath("/etc/tfe/tls")));
        Assert.Equal(Mode0640, File.GetUnixFileMode(node.HostPath("/etc/tfe/tls/key.pem")));
        Assert.Equal(Mode0644, File.GetUnixFileMode(node.HostPath("/etc/tfe/tls/cert.pem")));
        Assert.Equal(Mode0644, File.GetUnixFileMode(node.HostPath("/etc/tfe/tls/bundle.pem")));
        Assert.Equal(Mode0750, File.GetUnixFileMode(node.HostPath("/etc/tfe/secrets")));
        Assert.Equal(Mode0640, File.GetUnixFileMode(node.HostPath("/etc/tfe/secrets/license")));
        Assert.Equal(Mode0640, File.GetUnixFileMode(node.HostPath("/etc/tfe/secrets/secrets.env")));
        Assert.Equal(Mode0600, File.GetUnixFileMode(node.HostPath("/etc/tfe/tfe.env")));
        Assert.Equal(Mode0600 | UnixFileMode.UserExecute, File.GetUnixFileMode(node.HostPath("/etc/tfe")));
        if (variant == NodeVariant.InternalNlb)
        {
            Assert.Contains("tls-key-s3cr3t-Jd4Ns6", node.ReadFile("/etc/tfe/tls/key.pem"), StringComparison.Ordinal);
        }
    }

    [SandboxFact]
    [Trait("Rule", "COMP-3")]
    public void Fails_When_The_Image_Users_Group_Cannot_Be_Read_COMP_3()
    {
        using var node = new NodeMachine(NodeScripts.HealthyScenario());
        node.Scenario.Knobs["FAKE_DOCKER_IMAGE_GID"] = "tfe";

        var run = node.Boot(NodeScripts.Render(NodeVariant.Standalone));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(["1"], run.Calls.Signals);
        Assert.Contains("the TFE image's user has no numeric group: id -g printed 'tfe'", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Calls.Of("chown"));
        Assert.Empty(run.Calls.Of("docker", "run"));
    }

    [SandboxTheory]
    [InlineData(true)]
    [InlineData(false)]
    [Trait("Rule", "COMP-4")]
    public void Logs_Out_Of_The_Registry_After_The_Pull_Even_When_It_Fails_COMP_4(bool pullFails)
    {
        // A pull that fails boots its own node; a pull that works is the shared healthy boot's.
        using var own = pullFails ? new NodeMachine(NodeScripts.HealthyScenario()) : null;
        own?.Scenario.Knobs.Add("FAKE_DOCKER_FAILS", "pull");
        var (node, run) = own is null ? HealthyBoots.Of(NodeVariant.Standalone) : new SharedBoot(own, own.Boot(NodeScripts.Render(NodeVariant.Standalone)));

        Assert.True(run.ExitCode == (pullFails ? 1 : 0), run.ToString());
        Assert.Equal(NodeScripts.SecretValues[NodeScripts.LicenseArn] + "\n", node.DockerLoginStdin);
        var logout = run.Calls.Of("docker", "logout").Single();
        Assert.Equal(["images.releases.hashicorp.com"], logout.Args.Skip(1));
        Assert.True(logout.Index > run.Calls.Of("docker", "pull").Single().Index, run.ToString());
        Assert.Equal(string.Empty, node.DockerCredentials);
        if (pullFails)
        {
            Assert.Contains("image pull failed: ", run.Stderr, StringComparison.Ordinal);
            Assert.Empty(run.Calls.Of("docker", "run"));
        }
    }

    [SandboxFact]
    [Trait("Rule", "COMP-4")]
    public void A_Secret_With_Quotes_And_Shell_Characters_Reaches_Tfe_Unchanged_COMP_4()
    {
        const string Awkward = "p'a\"s$(touch /tmp/x)`id` \\n ' end";
        var scenario = NodeScripts.HealthyScenario();
        var encryption = NodeScripts.Configuration(NodeVariant.Standalone).Secrets.Single(s => s.Name == "TFE_ENCRYPTION_PASSWORD").SecretArn;
        scenario.Secrets[encryption] = Awkward;
        using var node = new NodeMachine(scenario);

        var run = node.Boot(NodeScripts.Render(NodeVariant.Standalone));

        Assert.True(run.ExitCode == 0, run.ToString());
        var exported = Exported(node, "/etc/tfe/secrets/secrets.env", ["TFE_ENCRYPTION_PASSWORD"]);
        Assert.Equal(Awkward, exported["TFE_ENCRYPTION_PASSWORD"]);
    }

    [SandboxFact]
    [Trait("Rule", "COMP-3")]
    public void Fails_When_The_Image_Has_Nothing_To_Run_COMP_3()
    {
        using var node = new NodeMachine(NodeScripts.HealthyScenario());
        node.Scenario.Knobs["FAKE_DOCKER_IMAGE_CONFIG"] = """{"User":"tfe","Entrypoint":null,"Cmd":null}""";

        var run = node.Boot(NodeScripts.Render(NodeVariant.Standalone));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(["1"], run.Calls.Signals);
        Assert.Contains("has neither an entrypoint nor a command to run", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Calls.Of("docker", "run"));
    }

    /// <summary>
    /// Sources <paramref name="file"/> as the container's <c>/bin/sh</c> does (<c>set -a; . file</c>), on the same
    /// machine, and returns what it exported for <paramref name="names"/> (NUL-separated, so any value survives).
    /// </summary>
    private static Dictionary<string, string> Exported(NodeMachine node, string file, IEnumerable<string> names)
    {
        var list = names.ToList();
        var printf = string.Join(' ', list.Select(n => $"\"${n}\""));
        var run = node.Run("/bin/sh", "-c", $"set -a && . '{file}' && set +a && printf '%s\\0' {printf}");
        Assert.True(run.ExitCode == 0, run.ToString());
        var values = run.Stdout.Split('\0');
        return list.Select((name, i) => (name, values[i])).ToDictionary(p => p.name, p => p.Item2);
    }
}
