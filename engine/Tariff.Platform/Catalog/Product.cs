namespace Tariff.Platform.Catalog;

/// <summary>An API (or bundle of APIs) the tenant sells.</summary>
public sealed record Product(Guid Id, string Code, string Name, string Description, DateTimeOffset CreatedAt);
