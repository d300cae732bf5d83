using Amazon.CDK.AWS.Route53;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>A whole TFE deployment in one region: <see cref="TfeStandalone"/> or <see cref="TfeActiveActive"/>.</summary>
/// <remarks>A <see cref="TfeDrRegion"/> reads its primary through this: the mode, node count, hostname and DR settings it must match.</remarks>
public interface ITfeDeployment : IConstruct
{
    /// <summary>The network.</summary>
    ITfeNetwork Network { get; }

    /// <summary>The data tier.</summary>
    TfeDataTier Data { get; }

    /// <summary>The application tier.</summary>
    TfeAppTier App { get; }

    /// <summary>The record for the hostname, when a hosted zone was given.</summary>
    ARecord? DnsRecord { get; }

    /// <summary>The disaster recovery settings the deployment was defined with, or null when it has no secondary region.</summary>
    TfeDisasterRecovery? DisasterRecovery { get; }

    /// <summary>The prefix of the deployment's physical names (<see cref="TfeDeploymentPropsBase.NamePrefix"/>, or the derived default).</summary>
    string NamePrefix { get; }

    /// <summary>The physical names of the database and the secrets another region reads by name.</summary>
    TfePhysicalNames PhysicalNames { get; }
}
