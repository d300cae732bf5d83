namespace Tfe.Cdk.Constructs;

/// <summary>The app tier's advice: the third step of its validator (docs/validation.md, "The shape of a validator").</summary>
internal static partial class TfeAppTierPropsValidator
{
    /// <summary>The warnings the values deserve: allowed, but discouraged by the reference, or not checkable from the name.</summary>
    public static IReadOnlyList<Advice> Advise(AppTierInputs p)
    {
        var spec = InstanceSpec.Parse(p.InstanceType);
        var advice = new List<Advice>();
        if (spec?.IsFlex == true)
        {
            advice.Add(new Advice("flexInstanceType", RuleIds.Comp2,
                $"InstanceType {p.InstanceType} is a flex type that gives full CPU only part of the time; the reference strongly prefers fixed-performance CPUs."));
        }

        // The size is read from the name for the m, c, r, x, z and t series; any other family (i3, g4dn, ...) is allowed
        // unchecked, as the data tier does (DB-2), but never silently.
        if (spec is { IsBurstable: false } && spec.Meets(4, 16) is null)
        {
            advice.Add(new Advice("unknownNodeSize", RuleIds.Comp1,
                $"InstanceType {p.InstanceType}: its vCPUs and memory cannot be read from the name, so the reference's minimum of 4 vCPU and 16 GiB (COMP-1) is not checked; make sure it has them."));
        }

        return advice;
    }
}
