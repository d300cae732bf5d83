using System.Diagnostics.CodeAnalysis;

namespace Tfe.Cdk.Constructs;

/// <summary>Properties for <see cref="TfeDataTier"/>: the options plus the network the database is placed in.</summary>
/// <remarks>There is no Multi-AZ setting: the database is always Multi-AZ (DB-1).</remarks>
public sealed record TfeDataTierProps : TfeDataTierOptions
{
    /// <summary>Defines empty props; set <see cref="Network"/> in an object initializer.</summary>
    public TfeDataTierProps()
    {
    }

    /// <summary>Copies the user's options (from a topology's props) and adds the network.</summary>
    [SetsRequiredMembers]
    internal TfeDataTierProps(TfeDataTierOptions options, ITfeNetwork network)
        : base(options) => Network = network;

    /// <summary>The network the database is placed in: its DB subnet group uses <see cref="ITfeNetwork.DataSubnets"/> (DB-4).</summary>
    public required ITfeNetwork Network { get; init; }
}
