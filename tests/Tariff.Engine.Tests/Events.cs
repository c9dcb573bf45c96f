using Tariff.Engine.Evaluation;
using Tariff.Engine.Usage;

namespace Tariff.Engine.Tests;

/// <summary>Short ways to write usage events in tests.</summary>
internal static class Events
{
    public static readonly DateTimeOffset January = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly UsagePeriod JanuaryPeriod = new(January, January.AddMonths(1));

    public static UsageEvent At(int day, string id = "", string consumer = "acme", string? method = null, int? status = null,
        string? route = null, string? path = null, string? product = null, decimal? responseBytes = null,
        (string Name, decimal Value)[]? measures = null, (string Name, string Value)[]? dimensions = null, int hour = 12) =>
        new(id.Length > 0 ? id : $"d{day}-h{hour}-{Guid.NewGuid():N}", January.AddDays(day - 1).AddHours(hour), consumer,
            Product: product, Route: route, Path: path, Method: method, Status: status, ResponseBytes: responseBytes,
            Measures: measures?.ToDictionary(m => m.Name, m => m.Value),
            Dimensions: dimensions?.ToDictionary(d => d.Name, d => d.Value));
}
