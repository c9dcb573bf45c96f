using System.Runtime.InteropServices;
using Tariff.Engine.Usage;

namespace Tariff.Engine.Evaluation;

/// <summary>Events as a span, without copying arrays and lists, so that generated meters loop as tightly as hand-written code.</summary>
public static class UsageEventSpan
{
    /// <summary>The events as a read-only span (a copy only for collections that are neither arrays nor lists).</summary>
    public static ReadOnlySpan<UsageEvent> Of(IReadOnlyList<UsageEvent> events) => events switch
    {
        UsageEvent[] array => array,
        List<UsageEvent> list => CollectionsMarshal.AsSpan(list),
        null => throw new ArgumentNullException(nameof(events)),
        _ => events.ToArray(),
    };
}
