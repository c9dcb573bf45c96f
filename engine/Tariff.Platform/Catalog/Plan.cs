namespace Tariff.Platform.Catalog;

/// <summary>A plan and its draft. <c>LatestVersion</c> is 0 until the first publication.</summary>
public sealed record Plan(
    Guid Id, string Code, string Name, Guid? ProductId, string DraftText, DateTimeOffset DraftUpdatedAt, string DraftUpdatedBy,
    int LatestVersion, DateTimeOffset CreatedAt)
{
    /// <summary>Who wrote the draft last: <c>typed</c> or <c>assistant</c> (<see cref="DraftOrigins"/>).</summary>
    public string DraftOrigin { get; init; } = DraftOrigins.Typed;
}
