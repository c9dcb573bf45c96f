namespace Tariff.Platform.Catalog;

/// <summary>A plan and its draft. <c>LatestVersion</c> is 0 until the first publication.</summary>
public sealed record Plan(
    Guid Id, string Code, string Name, Guid? ProductId, string DraftText, DateTimeOffset DraftUpdatedAt, string DraftUpdatedBy,
    int LatestVersion, DateTimeOffset CreatedAt);
