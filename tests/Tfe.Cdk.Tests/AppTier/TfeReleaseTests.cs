using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.AppTier;

public sealed class TfeReleaseTests
{
    [Theory]
    [InlineData("1.0.3", "/_health_check")]
    [InlineData("1.1.2", "/_health_check")]
    [InlineData("1.2.0", "/api/v1/health/readiness")]
    [InlineData("2.0.1", "/api/v1/health/readiness")]
    [InlineData("2.1.0", "/api/v1/health/readiness")]
    [InlineData("v202507-1", "/_health_check")]
    public void Health_Path_Follows_The_Release(string tag, string path) => Assert.Equal(path, TfeRelease.Parse(tag)!.HealthPath);

    [Theory]
    [InlineData("latest")]
    [InlineData("1.0")]
    [InlineData("v2025-1")]
    public void Rejects_Tags_That_Are_Not_Releases(string tag) => Assert.Null(TfeRelease.Parse(tag));
}
