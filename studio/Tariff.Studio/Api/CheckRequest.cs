namespace Tariff.Studio.Api;

/// <summary>The body of <c>POST /api/v1/pricing/check</c>.</summary>
/// <param name="Text">The document's text.</param>
public sealed record CheckRequest(string? Text);
