namespace Tariff.Engine.Syntax;

/// <summary>
/// <c>charge METER [by FIELD] { … }</c>: how one meter's quantity is priced. With <c>by</c>, each group of the meter
/// is priced by its <c>when</c> line, or by <c>otherwise</c>.
/// </summary>
public sealed record ChargeSyntax(
    NameSyntax Meter,
    FieldSyntax? By,
    PricingSyntax? Pricing,
    IReadOnlyList<DimensionPriceSyntax> When,
    PricingSyntax? Otherwise,
    decimal? Free,
    MoneySyntax? Minimum,
    MoneySyntax? Maximum,
    IReadOnlyList<DiscountSyntax> Discounts) : SyntaxNode;
