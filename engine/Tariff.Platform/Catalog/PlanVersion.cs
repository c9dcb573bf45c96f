namespace Tariff.Platform.Catalog;

/// <summary>A published, immutable version of a plan: its text, canonical JSON, and who published it, when and why.</summary>
/// <remarks>
/// <c>PlanName</c>: The name of the <c>plan</c> block in the text.<br/>
/// <c>Origin</c>: <c>typed</c>, <c>assistant</c> or <c>rollback</c>.
/// </remarks>
public sealed record PlanVersion(
    Guid PlanId, int Version, string Text, string DocumentJson, string PlanName, string Currency, string Comment, string Origin,
    DateTimeOffset PublishedAt, string PublishedBy);
