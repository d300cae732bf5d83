using System.Runtime.Versioning;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// The fakes on their own, on the calls the node script makes or is about to make (the lifecycle branch's boot gate,
/// Docker version check and metadata block): each answers from the scenario, and fails loudly on what it was not taught.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(SandboxCollection.Name)]
public sealed class FakesTests
{
    [SandboxFact]
    public void Answer_A_Boot_Gate_From_The_Scenario()
    {
        var scenario = NodeScripts.HealthyScenario();
        scenario.Aws["autoscaling.describe-auto-scaling-groups.json"] =
            """{"AutoScalingGroups":[{"Instances":[{"InstanceId":"i-0peer","LifecycleState":"InService"}]}]}""";
        scenario.Aws["ec2.describe-instances.json"] =
            """{"Reservations":[{"Instances":[{"InstanceId":"i-0peer","PrivateIpAddress":"10.0.2.10"}]}]}""";
        scenario.Health["10.0.2.10"] = BootScenario.Sequence("refused", "503", "200");
        scenario.Knobs["FAKE_DOCKER_SERVER_VERSION"] = "24.0.5";
        using var node = new NodeMachine(scenario);

        var run = node.Run("/bin/bash", "-c", """
            set -euo pipefail
            token=$(curl -fsS -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 60')
            group=$(curl -fsS -H "X-aws-ec2-metadata-token: $token" http://169.254.169.254/latest/meta-data/tags/instance/aws:autoscaling:groupName)
            aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names "$group" --output json | jq -r '.AutoScalingGroups[].Instances[].InstanceId'
            aws --region us-east-1 ec2 describe-instances --instance-ids i-0peer i-0other --output json | jq -r '.Reservations[].Instances[].PrivateIpAddress'
            until curl -fsS --max-time 5 --resolve tfe.example.com:443:10.0.2.10 -o /dev/null https://tfe.example.com/_health_check; do sleep 0; done
            docker version --format '{{.Server.Version}}'
            """);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("i-0peer\n10.0.2.10\n24.0.5\n", run.Stdout);
        Assert.Equal(NodeScripts.GroupName, run.Calls.Of("aws", "autoscaling").Single().Option("--auto-scaling-group-names"));
        Assert.Equal(3, run.Calls.HealthProbes(NodeScripts.Hostname, "10.0.2.10").Count);
        Assert.Contains("Connection refused", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("The requested URL returned error: 503", run.Stderr, StringComparison.Ordinal);
    }

    [SandboxFact]
    public void Systemctl_Runs_A_Oneshot_Unit_With_The_Fakes_And_Iptables_Remembers_Its_Rules()
    {
        using var node = new NodeMachine(NodeScripts.HealthyScenario());
        var block = "DOCKER-USER -d 169.254.169.254 -j DROP";
        var unit = node.HostPath("/etc/systemd/system/tfe-metadata-block.service");
        File.WriteAllText(unit, $"[Unit]\nAfter=docker.service\n\n[Service]\nType=oneshot\nRemainAfterExit=yes\n" +
            $"ExecStart=/bin/sh -c '/usr/sbin/iptables -C {block} || /usr/sbin/iptables -I {block}'\n");

        var run = node.Run("/bin/bash", "-c", """
            set -euo pipefail
            systemctl enable --now tfe-metadata-block.service
            systemctl restart tfe-metadata-block.service
            systemctl is-active tfe-metadata-block.service
            docker network create tfe >/dev/null
            docker network inspect tfe >/dev/null
            if docker network create tfe 2>/dev/null; then echo "created twice"; fi
            """);

        Assert.True(run.ExitCode == 0 && run.Stdout == "active\n", run.ToString());
        Assert.Equal(
            ["iptables -C " + block, "iptables -I " + block, "iptables -C " + block],
            run.Calls.Of("iptables").Select(c => $"{c.Program} {string.Join(' ', c.Args)}"));
    }

    [SandboxFact]
    public void Answer_The_Drain_Status_Look_And_Fail_The_First_Signals_When_Told()
    {
        using var node = new NodeMachine(NodeScripts.HealthyScenario());
        node.Scenario.Docker["ps.network.tfe-runs"] = BootScenario.Sequence("run1 run2", "none");
        node.Scenario.Knobs["FAKE_CFN_SIGNAL_FAILS"] = "1";

        var run = node.Run("/bin/bash", "-c", """
            docker ps --quiet --filter network=tfe-runs; echo "--"; docker ps --quiet --filter network=tfe-runs; echo "--"
            docker ps --quiet --filter network=other; echo "--"
            /opt/aws/bin/cfn-signal --exit-code 0 || echo "first signal failed"; /opt/aws/bin/cfn-signal --exit-code 0 && echo "second signal sent"
            """);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("run1\nrun2\n--\n--\n--\nfirst signal failed\nsecond signal sent\n", run.Stdout);
        Assert.Contains("fake cfn-signal: Rate exceeded (call 1, FAKE_CFN_SIGNAL_FAILS)", run.Stderr, StringComparison.Ordinal);
    }

    [SandboxTheory]
    [InlineData("aws autoscaling describe-lifecycle-hooks --output json", 255, "add aws/autoscaling.describe-lifecycle-hooks.json")]
    [InlineData("aws ec2 describe-instances --query Reservations --output json", 2, "fake aws: unsupported: --query 'Reservations' on ec2 describe-instances")]
    [InlineData("aws ec2 describe-instances --query Reservations --output text", 2, "fake aws: unsupported: --query/--output")]
    [InlineData("curl -fsS https://tfe.example.com/_health_check", 6, "Could not resolve host: tfe.example.com")]
    [InlineData("curl -fsS http://example.com/", 6, "the sandbox has no network")]
    [InlineData("curl --cacert ca.pem https://tfe.example.com/", 2, "fake curl: unsupported: curl option --cacert")]
    [InlineData("docker compose up", 2, "fake docker: unsupported: docker compose up")]
    [InlineData("docker ps --quiet --filter status=running", 2, "fake docker: unsupported: docker ps --filter status=running")]
    [InlineData("systemctl enable --now tfe-missing.service", 1, "Unit file tfe-missing.service does not exist")]
    [InlineData("sleep ''", 1, "sleep: invalid time interval ''")]
    public void Fail_Loudly_On_What_The_Scenario_Does_Not_Answer(string command, int exitCode, string message)
    {
        using var node = new NodeMachine(NodeScripts.HealthyScenario());

        var run = node.Run("/bin/bash", "-c", command);

        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Calls.All);
    }
}
