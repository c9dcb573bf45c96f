namespace Tariff.Platform.Scheduling;

/// <summary>A billing schedule: an editable draft, published versions, and whether it fires.</summary>
public sealed record Schedule(Guid Id, string Code, string DraftText, DateTimeOffset DraftUpdatedAt, string DraftUpdatedBy, bool Enabled, int LatestVersion,
    DateTimeOffset CreatedAt)
{
    /// <summary>Who wrote the draft last: <c>typed</c> or <c>assistant</c> (<see cref="Catalog.DraftOrigins"/>).</summary>
    public string DraftOrigin { get; init; } = Catalog.DraftOrigins.Typed;
}
