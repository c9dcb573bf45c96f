namespace Tariff.Studio.Analytics;

/// <summary>A gateway identity seen in usage: its consumer when mapped, how many events and when.</summary>
public sealed record GatewayIdentity(string Identity, Guid? ConsumerId, long Events, DateTimeOffset FirstEvent, DateTimeOffset LastEvent);
