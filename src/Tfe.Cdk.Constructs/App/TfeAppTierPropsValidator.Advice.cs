namespace Tfe.Cdk.Constructs;

/// <summary>The app tier's advice: the third step of its validator (docs/validation.md, "The shape of a validator").</summary>
internal static partial class TfeAppTierPropsValidator
{
    /// <summary>The warnings the values deserve: allowed, but discouraged by the reference.</summary>
    public static IReadOnlyList<Advice> Advise(AppTierInputs p) =>
        InstanceSpec.Parse(p.InstanceType)?.IsFlex == true
            ? [new Advice("flexInstanceType", RuleIds.Comp2,
                $"InstanceType {p.InstanceType} is a flex type that gives full CPU only part of the time; the reference strongly prefers fixed-performance CPUs.")]
            : [];
}
