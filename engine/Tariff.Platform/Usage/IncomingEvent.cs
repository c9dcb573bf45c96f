using Tariff.Engine.Usage;

namespace Tariff.Platform.Usage;

/// <summary>A checked event on its way into a usage store, and whether it arrived late (billing trues it up).</summary>
public sealed record IncomingEvent(UsageEvent Event, bool Late);
