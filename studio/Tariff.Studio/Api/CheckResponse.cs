namespace Tariff.Studio.Api;

/// <summary>The answer of <c>POST /api/v1/pricing/check</c>.</summary>
/// <param name="Declarations">The names declared, for completion and outlines.</param>
/// <param name="Diagnostics">Every problem found, in source order.</param>
public sealed record CheckResponse(IReadOnlyList<string> Declarations, IReadOnlyList<DiagnosticResponse> Diagnostics);
