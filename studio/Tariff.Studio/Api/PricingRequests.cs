using System.Text.Json;

namespace Tariff.Studio.Api;

/// <summary>The body of <c>POST /api/v1/pricing/rate</c>: a document, the plan in it, and the usage to rate.</summary>
/// <remarks>
/// <c>Plan</c>: the plan's name; may be left out when the document holds one plan.<br/>
/// <c>Usage</c>: a usage file (<c>{"events": [...], "period": "START..END"}</c>), typed or pasted; or else<br/>
/// <c>Consumer</c> (its code) or <c>ConsumerId</c>, with <c>From</c> and <c>To</c>: a consumer's real usage over that time, read
/// from the usage store.
/// </remarks>
public sealed record RateRequest(string? Text, string? Plan, JsonElement? Usage, Guid? ConsumerId, DateTimeOffset? From, DateTimeOffset? To, string? Consumer = null);

/// <summary>The answer of <c>POST /api/v1/pricing/format</c>: the canonical text, or why there is none.</summary>
public sealed record FormatResponse(string? Text, string? Refusal, IReadOnlyList<DiagnosticResponse> Diagnostics);

/// <summary>The answer of <c>POST /api/v1/pricing/examples</c>: every embedded example's outcome.</summary>
public sealed record ExamplesResponse(IReadOnlyList<ExampleResponse> Examples, IReadOnlyList<DiagnosticResponse> Diagnostics);

/// <summary>One embedded example: what it expects, what the plan gives (as written, scale kept), and where it is written (editor convention).</summary>
public sealed record ExampleResponse(string Plan, string Example, string Expected, string Actual, bool Passed, int LineNumber, int Column);

/// <summary>The answer of <c>POST /api/v1/pricing/rate</c>: the lines and total exactly as an invoice would show them.</summary>
/// <remarks><c>Total</c> is the sum of the rounded lines, formatted in the currency's minor units; <c>ExactTotal</c> before rounding.</remarks>
public sealed record RateResponse(
    string Plan, string Currency, DateTimeOffset From, DateTimeOffset To, int Events, IReadOnlyList<RateLineResponse> Lines, string Total, decimal ExactTotal);

/// <summary>One rated line; <c>Amount</c> is rounded and formatted in the currency's minor units.</summary>
public sealed record RateLineResponse(
    string Kind, string Description, string? Meter, string? Group, decimal? Quantity, decimal? UnitPrice, string Amount, decimal ExactAmount,
    string Explanation);

/// <summary>A declared name and where it is written (editor convention), for go-to-definition and completion.</summary>
public sealed record SymbolResponse(string Name, string Kind, int StartLineNumber, int StartColumn, int EndLineNumber, int EndColumn);
