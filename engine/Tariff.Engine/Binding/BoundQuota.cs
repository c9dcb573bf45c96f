using Tariff.Engine.Syntax;

namespace Tariff.Engine.Binding;

/// <summary>A quota on a meter per billing period.</summary>
public sealed record BoundQuota(string Meter, decimal Limit, QuotaKind Kind);
