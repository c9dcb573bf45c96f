namespace Tariff.Platform.Billing;

/// <summary>A tax rate of the tenant, in percent; the default one applies to consumers without their own.</summary>
public sealed record TaxRate(string Code, string Name, decimal Percent, bool IsDefault);
