using Tariff.Engine.Binding;

namespace Tariff.Engine.Evaluation;

/// <summary>
/// Numbers the pricings of a charge the same way in both engines: 0 is the charge's single pricing or its
/// <c>otherwise</c>; 1..n are its <c>when</c> lines in source order.
/// </summary>
public static class PricingCatalog
{
    /// <summary>Every pricing of a charge by its number; a missing one is null.</summary>
    public static IReadOnlyList<BoundPricing?> Of(BoundCharge charge)
    {
        ArgumentNullException.ThrowIfNull(charge);
        return [charge.Pricing ?? charge.Otherwise, .. charge.When.Values];
    }

    /// <summary>The number of the pricing that applies to a group, or -1 when none does.</summary>
    public static int Select(BoundCharge charge, MeterGroup group)
    {
        ArgumentNullException.ThrowIfNull(charge);
        ArgumentNullException.ThrowIfNull(group);
        if (charge.By is null)
        {
            return charge.Pricing is null ? -1 : 0;
        }

        var value = ByValue(charge, group);
        var position = 1;
        foreach (var key in charge.When.Keys)
        {
            if (key == value)
            {
                return position;
            }

            position++;
        }

        return charge.Otherwise is null ? -1 : 0;
    }

    /// <summary>The group's value of the field the charge prices by (the charge must have <c>by</c>).</summary>
    public static string ByValue(BoundCharge charge, MeterGroup group)
    {
        ArgumentNullException.ThrowIfNull(charge);
        ArgumentNullException.ThrowIfNull(group);
        var by = charge.By ?? throw new InvalidOperationException("The charge is not priced by a field.");
        for (var i = 0; i < charge.Meter.GroupBy.Count; i++)
        {
            if (charge.Meter.GroupBy[i].Path == by.Path)
            {
                return group.GroupValues[i];
            }
        }

        throw new InvalidOperationException($"The meter is not grouped by `{by.Path}`; the binder should have refused it.");
    }
}
