namespace Tariff.Platform.Analytics;

/// <summary>A saved usage query: an editable draft and its published versions.</summary>
public sealed record SavedQuery(Guid Id, string Code, string DraftText, DateTimeOffset DraftUpdatedAt, string DraftUpdatedBy, string DraftOrigin, int LatestVersion,
    DateTimeOffset CreatedAt);
