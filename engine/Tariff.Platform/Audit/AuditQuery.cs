namespace Tariff.Platform.Audit;

/// <summary>Which audit entries to read: optionally one kind of thing (and one of them), one actor (a part of the name), newest first, before an id for paging.</summary>
public sealed record AuditQuery(string? Entity = null, string? EntityId = null, string? Actor = null, long? Before = null, int Limit = 50);
