using System.Reflection;
using Amazon.CDK;
using Amazon.CDK.AWS.Backup;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.RDS;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SNS;
using Tfe.Cdk.Constructs;
using Xunit.Abstractions;
using InstanceType = Amazon.CDK.AWS.EC2.InstanceType;

namespace Tfe.Cdk.Tests.Validation;

/// <summary>
/// A generated set of bad values (nulls, empties, whitespace, tokens, extremes, foreign regions, values outside an enum)
/// for every prop of every construct's props, each built through the public constructor in one shared stack: nothing may
/// escape but a <see cref="TfeValidationException"/>. A value may also be accepted (a token that only warns, say), unless it
/// is marked <c>MustRefuse</c>: a Duration that is zero, 10000 days or a token, a required prop left null, and a resource of
/// another region (or a copy vault of the stack's own region) are wrong for every prop of their type.
/// </summary>
public sealed class PropSweepTests(ITestOutputHelper output)
{
    private sealed record Bad(string Text, Func<MistakeContext, object?> Value, bool MustRefuse = false);

    [Fact]
    public void No_Bad_Value_Escapes_As_Anything_But_A_TfeValidationException()
    {
        var context = MistakeContext.Current;
        var targets = new (Func<MistakeContext, object> Valid, Type Type, bool DeclaredOnly)[]
        {
            (c => c.Standalone(), typeof(TfeStandaloneProps), false),
            (c => c.ActiveActive(), typeof(TfeActiveActiveProps), true),
            (c => c.DataTier(), typeof(TfeDataTierProps), false),
            (c => c.Redis(), typeof(TfeRedisProps), false),
            (_ => new TfeNetworkProps(), typeof(TfeNetworkProps), false),
            (c => new TfeAppTierProps { Hostname = "tfe.example.com", License = c.License, LoadBalancerCertificate = c.Certificate, Network = c.Network, DataTier = null! }, typeof(TfeAppTierProps), true),
            (c => c.DrStorage(), typeof(TfeDrStorageProps), false),
            (c => c.DrRegion(), typeof(TfeDrRegionProps), true),
            (c => c.ActiveActiveDrRegion(), typeof(TfeDrRegionProps), true),
            (c => c.ColdDrRegion(), typeof(TfeDrRegionProps), true),
        };
        var escaped = new List<string>();
        int tried = 0, refused = 0;
        var accepted = new List<string>();
        var wronglyAccepted = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (valid, type, declaredOnly) in targets)
        {
            var flags = BindingFlags.Public | BindingFlags.Instance | (declaredOnly ? BindingFlags.DeclaredOnly : 0);
            foreach (var prop in type.GetProperties(flags).Where(p => p.SetMethod is { IsPublic: true }))
            {
                var required = prop.GetCustomAttributes().Any(a => a.GetType().Name == "RequiredMemberAttribute");
                foreach (var bad in BadValues(prop.PropertyType, required))
                {
                    tried++;
                    var label = $"{type.Name}.{prop.Name} = {bad.Text}";
                    label += seen.Add(label) ? string.Empty : " (primary " + ((TfeDrRegionProps)valid(context)).Primary.Node.Id + ")";
                    try
                    {
                        var props = valid(context);
                        prop.SetValue(props, bad.Value(context));
                        context.Build(props);
                        accepted.Add(label);
                        if (bad.MustRefuse)
                        {
                            wronglyAccepted.Add(label);
                        }
                    }
                    catch (TfeValidationException e) when (e.Violations.All(v => !string.IsNullOrEmpty(v.RuleId)))
                    {
                        refused++;
                    }
                    catch (Exception e)
                    {
                        escaped.Add($"{label}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                    }
                }
            }
        }

        output.WriteLine($"{tried} bad inputs tried: {refused} refused with a rule id, {accepted.Count} accepted, {escaped.Count} escaped.");
        output.WriteLine("Accepted: " + string.Join("; ", accepted));
        Assert.True(escaped.Count == 0, string.Join(System.Environment.NewLine, escaped));
        Assert.True(wronglyAccepted.Count == 0, "Accepted, but must be refused: " + string.Join("; ", wronglyAccepted));
    }

    private static IEnumerable<Bad> BadValues(Type type, bool required)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (required && !t.IsValueType)
        {
            yield return new Bad("null", _ => null, MustRefuse: true);
        }

        if (t == typeof(string))
        {
            yield return new Bad("\"\"", _ => string.Empty);
            yield return new Bad("\"   \"", _ => "   ");
            yield return new Bad("\" x \"", _ => " x ");
            yield return new Bad("\"a\\nb\"", _ => "a\nb");
            yield return new Bad("300 chars", _ => new string('a', 300));
            yield return new Bad("a token", c => c.TextToken);
        }
        else if (t == typeof(int))
        {
            yield return new Bad("int.MinValue (a token)", c => c.IntToken);
            yield return new Bad("int.MaxValue", _ => int.MaxValue);
            yield return new Bad("-1", _ => -1);
            yield return new Bad("0", _ => 0);
        }
        else if (t == typeof(Duration))
        {
            yield return new Bad("0 s", _ => Duration.Seconds(0), MustRefuse: true);
            yield return new Bad("10000 days", _ => Duration.Days(10000), MustRefuse: true);
            yield return new Bad("a token", c => Duration.Seconds(c.NumberParameter.ValueAsNumber), MustRefuse: true);

            // A token made in another unit: its ToSeconds() throws a raw jsii error unless every read is token-safe.
            yield return new Bad("a token in minutes", c => Duration.Minutes(c.NumberParameter.ValueAsNumber), MustRefuse: true);
        }
        else if (t.IsEnum)
        {
            // No enum of the library has a member 42 or -1: a value outside the enum is wrong for every enum prop.
            yield return new Bad("42", _ => Enum.ToObject(t, 42), MustRefuse: true);
            yield return new Bad("-1", _ => Enum.ToObject(t, -1), MustRefuse: true);
        }
        else if (t == typeof(InstanceType))
        {
            foreach (var name in new[] { "M5.XLARGE", " m5.xlarge", "db.db.m5.large", "m5", "banana.xlarge", "" })
            {
                yield return new Bad($"\"{name}\"", _ => new InstanceType(name));
            }

            yield return new Bad("a token", c => new InstanceType(c.TextToken));
        }
        else if (t == typeof(TfeRedisVersion))
        {
            yield return new Bad("Of(null)", _ => TfeRedisVersion.Of(null!));
            yield return new Bad("Of(\"\")", _ => TfeRedisVersion.Of(string.Empty));
            yield return new Bad("Of(\"7.1.0\")", _ => TfeRedisVersion.Of("7.1.0"));
            yield return new Bad("Of(token)", c => TfeRedisVersion.Of(c.TextToken));
        }
        else if (t == typeof(PostgresEngineVersion))
        {
            yield return new Bad("Of(\"\", \"\")", _ => PostgresEngineVersion.Of(string.Empty, string.Empty));
            yield return new Bad("Of(\"16.1\", \"15\")", _ => PostgresEngineVersion.Of("16.1", "15"));
            yield return new Bad("Of(\" 16.1\", \"16\")", _ => PostgresEngineVersion.Of(" 16.1", "16"));
        }
        else if (t == typeof(IReadOnlyList<string>))
        {
            yield return new Bad("[]", _ => Array.Empty<string>());
            yield return new Bad("[null]", _ => new string[] { null! });
            yield return new Bad("[\"  \"]", _ => new[] { "  " });
            yield return new Bad("[\"10.0.0.0/33\"]", _ => new[] { "10.0.0.0/33" });
        }
        else if (t == typeof(IReadOnlyDictionary<string, string>))
        {
            yield return new Bad("{TFE_NOPE}", _ => new Dictionary<string, string> { ["TFE_NOPE"] = "1" });
            yield return new Bad("{TFE_CAPACITY_CPU: \"\"}", _ => new Dictionary<string, string> { ["TFE_CAPACITY_CPU"] = string.Empty });
            yield return new Bad("{TFE_LOG_LEVEL: null}", _ => new Dictionary<string, string> { ["TFE_LOG_LEVEL"] = null! });
            yield return new Bad("{http_proxy: \"  \"}", _ => new Dictionary<string, string> { ["http_proxy"] = "  " });
            yield return new Bad("{tfe_hostname}", _ => new Dictionary<string, string> { ["tfe_hostname"] = "x" });
        }
        else if (t == typeof(ISecret))
        {
            yield return new Bad("secret of eu-west-1", c => Secret.FromSecretCompleteArn(c.Stack, c.NextId("S"), "arn:aws:secretsmanager:eu-west-1:123456789012:secret:tfe-AbCdEf"), MustRefuse: true);
        }
        else if (t == typeof(ICertificate))
        {
            yield return new Bad("\"abc\"", c => Certificate.FromCertificateArn(c.Stack, c.NextId("C"), "abc"));
            yield return new Bad("certificate of eu-west-1", c => Certificate.FromCertificateArn(c.Stack, c.NextId("C"), "arn:aws:acm:eu-west-1:123456789012:certificate/abc"), MustRefuse: true);
        }
        else if (t == typeof(IKey))
        {
            yield return new Bad("key of eu-west-1", c => Key.FromKeyArn(c.Stack, c.NextId("K"), "arn:aws:kms:eu-west-1:123456789012:key/abc"), MustRefuse: true);
        }
        else if (t == typeof(ITopic))
        {
            yield return new Bad("topic of eu-west-1", c => Topic.FromTopicArn(c.Stack, c.NextId("T"), "arn:aws:sns:eu-west-1:123456789012:alarms"), MustRefuse: true);
        }
        else if (t == typeof(IBackupVault))
        {
            yield return new Bad("vault of the stack's region and account", c => BackupVault.FromBackupVaultName(c.Stack, c.NextId("V"), "tfe-dr"), MustRefuse: true);
        }
        else if (t == typeof(IMachineImage))
        {
            yield return new Bad("Windows", _ => MachineImage.GenericWindows(new Dictionary<string, string> { ["us-east-1"] = "ami-0123456789abcdef0" }));
            yield return new Bad("no AMI for the region", _ => MachineImage.GenericLinux(new Dictionary<string, string> { ["eu-west-1"] = "ami-0123456789abcdef0" }));
        }
        else if (t == typeof(SubnetSelection))
        {
            yield return new Bad("SubnetGroupName \"Nope\"", _ => new SubnetSelection { SubnetGroupName = "Nope" });
        }
        else if (t == typeof(IHostedZone))
        {
            yield return new Bad("FromHostedZoneId", c => HostedZone.FromHostedZoneId(c.Stack, c.NextId("Z"), "Z123"));
        }
        else if (t == typeof(TfeNodeCertificate))
        {
            yield return new Bad("FromSecret(null)", _ => TfeNodeCertificate.FromSecret(null!));
        }
        else if (t == typeof(TfeNetworkProps))
        {
            yield return new Bad("{ CidrBlock = \"abc\" }", _ => new TfeNetworkProps { CidrBlock = "abc" });
        }
        else if (t == typeof(TfeDataTierOptions))
        {
            yield return new Bad("{ DatabaseInstanceType = \"db.m6i.xlarge\" }", _ => new TfeDataTierOptions { DatabaseInstanceType = new InstanceType("db.m6i.xlarge") });
        }
        else if (t == typeof(TfeDisasterRecovery))
        {
            yield return new Bad("{ NamePrefix = \"TFE_Prod\" }", c => c.Dr.Settings with { NamePrefix = "TFE_Prod" }, MustRefuse: true);
            yield return new Bad("{ NamePrefix = null }", c => c.Dr.Settings with { NamePrefix = null! }, MustRefuse: true);
            yield return new Bad("{ DrRegion = PrimaryRegion }", c => c.Dr.Settings with { DrRegion = c.Dr.Settings.PrimaryRegion }, MustRefuse: true);
            yield return new Bad("{ DrRegion = null }", c => c.Dr.Settings with { DrRegion = null! }, MustRefuse: true);
            yield return new Bad("{ StandbyMode = 42 }", c => c.Dr.Settings with { StandbyMode = (TfeStandbyMode)42 }, MustRefuse: true);
        }
        else if (t == typeof(TfeDrRestoreSource))
        {
            yield return new Bad("FromAutomatedBackups(null)", _ => TfeDrRestoreSource.FromAutomatedBackups(null!), MustRefuse: true);
            yield return new Bad("FromAutomatedBackups(\"abc\")", _ => TfeDrRestoreSource.FromAutomatedBackups("abc"), MustRefuse: true);
            yield return new Bad("FromAutomatedBackups(ARN of us-east-1)", _ => TfeDrRestoreSource.FromAutomatedBackups("arn:aws:rds:us-east-1:123456789012:auto-backup:ab-abc"), MustRefuse: true);
            yield return new Bad("FromSnapshot(\"\")", _ => TfeDrRestoreSource.FromSnapshot(string.Empty), MustRefuse: true);
            yield return new Bad("FromSnapshot(\"a b\")", _ => TfeDrRestoreSource.FromSnapshot("a b"), MustRefuse: true);
            yield return new Bad("FromSnapshot(ARN of us-east-1)", _ => TfeDrRestoreSource.FromSnapshot("arn:aws:rds:us-east-1:123456789012:snapshot:tfe"), MustRefuse: true);
        }
        else if (t == typeof(TfeRedisOptions))
        {
            yield return new Bad("{ NodeType = \" \" }", _ => new TfeRedisOptions { NodeType = " " });
        }
    }
}
