namespace Tariff.Studio.Components.Common;

/// <summary>A published version of any versioned document (plan, schedule, query), as the history and diff pages show it.</summary>
public sealed record VersionEntry(int Version, DateTimeOffset PublishedAt, string PublishedBy, string Origin, string Comment, string Text, string DocumentJson);
