namespace Tariff.Platform.Ingest;

/// <summary>What happened to one event of a request.</summary>
/// <param name="Index">Its position in the request, from 0.</param>
/// <param name="Id">Its id, when it had one.</param>
/// <param name="Status"><c>accepted</c>, <c>duplicate</c> or <c>rejected</c>.</param>
/// <param name="Late">Accepted or duplicate, and older than the deduplication window: billing trues it up.</param>
/// <param name="Error">Why it was rejected.</param>
public sealed record EventOutcome(int Index, string? Id, string Status, bool Late = false, EventError? Error = null)
{
    public const string Accepted = "accepted";
    public const string Duplicate = "duplicate";
    public const string Rejected = "rejected";
}
