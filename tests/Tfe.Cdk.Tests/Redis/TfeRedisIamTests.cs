using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Redis;

/// <summary>
/// IAM authentication to the cache (<see cref="TfeRedisAuthentication.Iam"/>): what is refused and when, an imported cache
/// that uses it, and the node settings, all without a synth (the sample's template is checked by
/// <c>TfeActiveActivePasswordlessCacheTests</c>).
/// </summary>
public sealed class TfeRedisIamTests
{
    private static readonly string[] ThreeAzs = ["us-east-1a", "us-east-1b", "us-east-1c"];

    [Theory]
    [Trait("Rule", "REDIS-8")]
    [InlineData("6.0")]
    [InlineData("6.2")]
    [InlineData("5.0.6")]
    public void Iam_Authentication_Fails_Below_Redis_7_REDIS_8(string version)
    {
        var violation = Assert.Single(TfeRedisPropsValidator.Check("cache.m5.large", version, 6379, false, ThreeAzs, false, iam: true).Violations,
            v => v.Problem.Contains("IAM", StringComparison.Ordinal));
        Assert.Equal(RuleIds.Redis8, violation.RuleId);
        Assert.Equal("EngineVersion", violation.PropertyName);
        Assert.Equal($"\"{version}\"", violation.Value);
        Assert.Contains("older than Redis 7.0", violation.Problem, StringComparison.Ordinal);
        Assert.Contains("TfeRedisVersion.V7_1", violation.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Rule", "REDIS-8")]
    [InlineData("7.0")]
    [InlineData("7.1")]
    public void Iam_Authentication_Passes_From_Redis_7_REDIS_8(string version) =>
        Assert.Empty(TfeRedisPropsValidator.Check("cache.m5.large", version, 6379, false, ThreeAzs, false, iam: true).Violations);

    [Fact]
    public void Auth_Token_Stays_Allowed_Below_Redis_7() =>
        Assert.Empty(TfeRedisPropsValidator.Check("cache.m5.large", "6.2", 6379, false, ThreeAzs, false, iam: false).Violations);

    [Theory]
    [Trait("Rule", "REDIS-7")]
    [InlineData("1.0.3", false)]
    [InlineData("v202507-1", false)]
    [InlineData("v202408-1", false)]
    [InlineData("v202401-1", false)] // a calendar release outside the table: older than every line with IAM, refused as the database's check does
    [InlineData("1.1.0", true)]
    [InlineData("1.2.2", true)]
    [InlineData("2.0.0", true)]
    [InlineData("2.1.0", true)]
    [InlineData("9.9.9", true)]
    public void Iam_Authentication_Needs_A_Release_Whose_Docs_Cover_It_REDIS_7(string tfeVersion, bool allowed)
    {
        var check = TfeReleaseSupport.CheckRedisAuthentication(tfeVersion, TfeRedisAuthentication.Iam);
        Assert.Empty(TfeReleaseSupport.CheckRedisAuthentication(tfeVersion, TfeRedisAuthentication.AuthToken).Violations);
        Assert.Empty(TfeReleaseSupport.CheckRedisAuthentication(tfeVersion, null).Violations);
        if (allowed)
        {
            // 9.9.9 is outside the table: unknown releases are warned about by the topologies, not refused.
            Assert.Empty(check.Violations);
            return;
        }

        var violation = Assert.Single(check.Violations);
        Assert.Equal(RuleIds.Redis7, violation.RuleId);
        Assert.Equal("Redis.Authentication", violation.PropertyName);
        Assert.Equal("Iam", violation.Value);
        Assert.Contains("2.1.x, 2.0.x, 1.2.x, 1.1.x only", violation.Problem, StringComparison.Ordinal);
        Assert.Contains("1.1.x or later", violation.Fix, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "REDIS-7")]
    [Trait("Rule", "REDIS-8")]
    public void Active_Active_Refuses_Iam_For_An_Old_Release_And_An_Old_Redis_At_Once_REDIS_7_REDIS_8()
    {
        var stack = TestApp.NewStack();
        var error = Assert.Throws<TfeValidationException>(() => new TfeActiveActive(stack, "Tfe", new TfeActiveActiveProps
        {
            Hostname = "tfe.example.com",
            License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
            LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
            TfeVersion = "1.0.3",
            Redis = new TfeRedisOptions { Authentication = TfeRedisAuthentication.Iam, EngineVersion = TfeRedisVersion.Of("6.2") },
        }));
        Assert.Equal(["Redis.Authentication", "EngineVersion"], error.Violations.Select(v => v.PropertyName).Order(StringComparer.Ordinal).Reverse());
        Assert.Equal(["REDIS-7", "REDIS-8"], error.RuleIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    [Trait("Rule", "REDIS-7")]
    public void Imported_Cache_Names_Its_Iam_User_Instead_Of_A_Token_REDIS_7()
    {
        var stack = TestApp.NewStack();
        var redis = TfeRedis.FromRedisAttributes(stack, "Redis", new TfeRedisAttributes
        {
            EndpointAddress = "master.tfe.cache.amazonaws.com",
            SecurityGroupId = "sg-0123456789abcdef0",
            IamUserName = "tfe-redis-iam",
            ReplicationGroupId = "tfe-cache",
        });
        Assert.Equal(TfeRedisAuthentication.Iam, redis.Authentication);
        Assert.Null(redis.AuthToken);
        var role = new Role(stack, "Node", new RoleProps { AssumedBy = new ServicePrincipal("ec2.amazonaws.com") });
        Assert.Throws<InvalidOperationException>(() => redis.GrantReadAuthToken(role));

        var grant = redis.GrantConnect(role);
        var statement = Assert.Single(grant.PrincipalStatements);
        var json = System.Text.Json.JsonSerializer.Serialize(stack.Resolve(statement.ToStatementJson()));
        Assert.Contains("\"Action\":\"elasticache:Connect\"", json, StringComparison.Ordinal);
        Assert.Contains("\":elasticache:us-east-1:123456789012:replicationgroup:tfe-cache\"", json, StringComparison.Ordinal);
        Assert.Contains("\":elasticache:us-east-1:123456789012:user:tfe-redis-iam\"", json, StringComparison.Ordinal);
        Assert.Contains("AWS::Partition", json, StringComparison.Ordinal);
        Assert.DoesNotContain("arn:aws:", json, StringComparison.Ordinal);

        var settings = TfeNodeSettings.Build("tfe.example.com", TfeOperationalMode.ActiveActive,
            new TfeNodeEndpoints("db:5432", "tfe", "tfe", "bucket", "key", "master.tfe.cache.amazonaws.com:6379", TfeRedisIamLogin.Of(redis)),
            "us-east-1", null);
        Assert.Equal(
            [
                new("TFE_REDIS_HOST", "master.tfe.cache.amazonaws.com:6379"), new("TFE_REDIS_USE_TLS", "true"), new("TFE_REDIS_USER", "tfe-redis-iam"),
                new("TFE_REDIS_PASSWORDLESS_AWS_USE_INSTANCE_PROFILE", "true"), new("TFE_REDIS_PASSWORDLESS_AWS_REGION", "us-east-1"),
                new("TFE_REDIS_PASSWORDLESS_AWS_HOST_NAME", "tfe-cache"),
            ],
            settings.Where(s => s.Key.StartsWith("TFE_REDIS_", StringComparison.Ordinal)));
        Assert.All(settings.Where(s => s.Key.StartsWith("TFE_REDIS_", StringComparison.Ordinal)), s => Assert.Contains(s.Key, TfeNodeSettings.ManagedKeys));
    }

    public static TheoryData<TfeRedisAttributes, string[]> BadImports => new()
    {
        { Attributes() with { IamUserName = "tfe-redis-iam", ReplicationGroupId = "tfe-cache", AuthTokenSecretName = "tfe/redis" }, ["IamUserName"] },
        { Attributes() with { IamUserName = "tfe-redis-iam" }, ["ReplicationGroupId"] },
        { Attributes() with { IamUserName = " ", ReplicationGroupId = "tfe-cache" }, ["IamUserName"] },
        { Attributes() with { ReplicationGroupId = "tfe-cache", AuthTokenSecretName = "tfe/redis" }, ["ReplicationGroupId"] },
    };

    [Theory]
    [Trait("Rule", "REDIS-7")]
    [MemberData(nameof(BadImports))]
    public void Imported_Cache_Fails_When_Iam_And_Token_Attributes_Do_Not_Fit_REDIS_7(TfeRedisAttributes attributes, string[] properties)
    {
        var violations = ImportedTfeRedis.Check(attributes).Violations;
        Assert.Equal(properties, violations.Select(v => v.PropertyName));
        Assert.All(violations, v => Assert.Equal(RuleIds.Redis7, v.RuleId));
    }

    private static TfeRedisAttributes Attributes() => new() { EndpointAddress = "master.tfe.cache.amazonaws.com", SecurityGroupId = "sg-0123456789abcdef0" };
}
