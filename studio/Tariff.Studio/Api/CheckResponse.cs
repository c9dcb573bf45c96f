namespace Tariff.Studio.Api;

/// <summary>The answer of <c>POST /api/v1/pricing/check</c>.</summary>
/// <param name="Declarations">The names declared, for completion and outlines.</param>
/// <param name="Diagnostics">Every problem found, in source order.</param>
/// <param name="Symbols">Each declaration with its kind and the range of its name.</param>
public sealed record CheckResponse(IReadOnlyList<string> Declarations, IReadOnlyList<DiagnosticResponse> Diagnostics, IReadOnlyList<SymbolResponse> Symbols);
