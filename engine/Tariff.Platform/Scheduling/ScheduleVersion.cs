namespace Tariff.Platform.Scheduling;

/// <summary>A published, immutable version of a schedule; <c>DocumentJson</c> is its canonical JSON.</summary>
public sealed record ScheduleVersion(Guid ScheduleId, int Version, string Text, string DocumentJson, string Comment, string Origin, DateTimeOffset PublishedAt,
    string PublishedBy);
