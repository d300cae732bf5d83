using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.Assertions;
using Tfe.Cdk.Constructs;
using Props = System.Collections.Generic.Dictionary<string, object>;

namespace Tfe.Cdk.Tests.Topologies;

/// <summary>Standalone with a Route 53 zone: the hostname gets an alias record to the load balancer (NET-2).</summary>
public sealed class HostedZoneFixture
{
    public HostedZoneFixture()
    {
        var stack = TestApp.NewStack();
        new TfeStandalone(stack, "Tfe", new TfeStandaloneProps
        {
            Hostname = "tfe.corp.example.com",
            License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
            LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
            HostedZone = HostedZone.FromHostedZoneAttributes(stack, "Zone", new HostedZoneAttributes { HostedZoneId = "Z0123456789", ZoneName = "corp.example.com" }),
        });
        Synth = new SynthesizedTemplate(stack);
    }

    public SynthesizedTemplate Synth { get; }
}

public sealed class HostedZoneTests(HostedZoneFixture f) : IClassFixture<HostedZoneFixture>
{
    [Fact]
    [Trait("Rule", "NET-2")]
    public void Hostname_Is_An_Alias_Record_To_The_Load_Balancer_NET_2() =>
        f.Synth.Template.HasResourceProperties("AWS::Route53::RecordSet", new Props
        {
            ["Name"] = "tfe.corp.example.com.",
            ["Type"] = "A",
            ["HostedZoneId"] = "Z0123456789",
            ["AliasTarget"] = Match.ObjectLike(new Props
            {
                ["DNSName"] = Match.ObjectLike(new Props { ["Fn::Join"] = Match.AnyValue() }),
            }),
        });
}
