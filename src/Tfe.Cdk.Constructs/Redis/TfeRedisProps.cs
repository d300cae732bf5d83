using System.Diagnostics.CodeAnalysis;

namespace Tfe.Cdk.Constructs;

/// <summary>Properties for <see cref="TfeRedis"/>: the options plus the network the cache is placed in.</summary>
public sealed record TfeRedisProps : TfeRedisOptions
{
    /// <summary>Defines empty props; set <see cref="Network"/> in an object initializer.</summary>
    public TfeRedisProps()
    {
    }

    /// <summary>Copies the user's options (from a topology's props) and adds the network.</summary>
    [SetsRequiredMembers]
    internal TfeRedisProps(TfeRedisOptions options, ITfeNetwork network)
        : base(options) => Network = network;

    /// <summary>The network; the cache subnet group spans its <see cref="ITfeNetwork.DataSubnets"/>, which must be private (REDIS-7).</summary>
    public required ITfeNetwork Network { get; init; }

    /// <summary>
    /// Defines no alarm (and no topic) until <see cref="TfeRedis.DefineAlarms"/> names the topic: a <see cref="TfeDrRegion"/>'s
    /// cache, whose region topic the app tier defines after the cache, so that every alarm of the region notifies one topic.
    /// </summary>
    internal bool DefersAlarms { get; init; }
}
