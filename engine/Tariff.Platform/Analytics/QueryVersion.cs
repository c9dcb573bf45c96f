namespace Tariff.Platform.Analytics;

/// <summary>A published, immutable version of a saved query; <c>DocumentJson</c> is its canonical JSON.</summary>
public sealed record QueryVersion(Guid QueryId, int Version, string Text, string DocumentJson, string Comment, string Origin, DateTimeOffset PublishedAt,
    string PublishedBy);
