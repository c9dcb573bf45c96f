using System.Text.Json;

namespace Tariff.Platform.Audit;

/// <summary>One change: who made it, what it was, to which thing, and the thing before and after (null for a creation, or a deletion).</summary>
/// <remarks><c>Action</c> is <c>entity.verb</c>, such as <c>invoice.finalized</c> or <c>plan.published</c>.</remarks>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Entity, string EntityId, JsonElement? Before, JsonElement? After);
