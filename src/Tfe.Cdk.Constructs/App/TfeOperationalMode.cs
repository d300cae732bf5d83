namespace Tfe.Cdk.Constructs;

/// <summary>TFE's operational mode (<c>TFE_OPERATIONAL_MODE</c>); both use external PostgreSQL and S3.</summary>
public enum TfeOperationalMode
{
    /// <summary><c>external</c>: one node (Standalone, MODE-1).</summary>
    External,

    /// <summary><c>active-active</c>: several nodes sharing the database, bucket and a Redis memory cache (MODE-2).</summary>
    ActiveActive,
}
