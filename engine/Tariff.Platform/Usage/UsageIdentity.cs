namespace Tariff.Platform.Usage;

/// <summary>A gateway identity seen in stored usage: how many events, and the first and last instant among them.</summary>
public sealed record UsageIdentity(string Identity, long Events, DateTimeOffset First, DateTimeOffset Last);
