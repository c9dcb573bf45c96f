using System.Globalization;
using System.Text;
using Tariff.Engine.Usage;

namespace Tariff.Engine.Tests.Compilation;

/// <summary>
/// A seeded generator of random valid documents (every meter kind, filter and charge model) and of random usage for
/// them. The same seed gives the same documents, so a failure can be replayed.
/// </summary>
internal sealed class RandomDocuments(int seed)
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE"];
    private static readonly string[] Routes = ["/v1/items", "/v1/items/42", "/v2/orders", "/v1/internal/x", "/health"];
    private static readonly string[] Regions = ["eu", "us", "ap"];
    private static readonly string[] Products = ["search", "checkout", "maps"];

    private readonly Random random = new(seed);

    /// <summary>A document of a few meters and one plan charging each of them.</summary>
    public string Document()
    {
        var text = new StringBuilder();
        var meters = random.Next(1, 4);
        var kinds = new List<(string Name, bool Summed, bool Grouped)>();
        for (var m = 0; m < meters; m++)
        {
            var (body, summed, grouped) = Meter();
            kinds.Add(($"meter{m}", summed, grouped));
            text.Append(CultureInfo.InvariantCulture, $"meter meter{m} {{\n{body}}}\n\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"plan p {{\n    currency {Pick("USD", "EUR", "JPY", "KWD")}\n    rounding {Pick("half_up", "half_even", "up", "down")}\n");
        if (Chance(0.5))
        {
            text.Append(CultureInfo.InvariantCulture, $"    fee base {Money()} recurring in advance\n");
        }

        foreach (var (name, summed, grouped) in kinds)
        {
            text.Append(Charge(name, summed, grouped));
        }

        if (Chance(0.3))
        {
            text.Append(CultureInfo.InvariantCulture, $"    commitment {Money()}\n");
        }

        return text.Append("}\n").ToString();
    }

    /// <summary>Up to 40 events in January 2026 with random fields, some missing.</summary>
    public List<UsageEvent> Usage()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var events = new List<UsageEvent>();
        var count = random.Next(0, 41);
        for (var i = 0; i < count; i++)
        {
            // A few events fall just outside the period on either side.
            var at = start.AddMinutes(random.Next(-600, 31 * 24 * 60 + 600));
            var measures = new Dictionary<string, decimal>();
            foreach (var name in new[] { "tokens", "amount", "seats" })
            {
                if (Chance(0.8))
                {
                    measures[name] = Number(0, 5000);
                }
            }

            var dimensions = new Dictionary<string, string>();
            if (Chance(0.8))
            {
                dimensions["region"] = Pick(Regions);
            }

            events.Add(new UsageEvent(
                $"e{i}", at, "acme",
                Product: Chance(0.9) ? Pick(Products) : null,
                Route: Chance(0.9) ? Pick(Routes) : null,
                Path: Chance(0.9) ? Pick(Routes) : null,
                Method: Chance(0.9) ? Pick(Methods) : null,
                Status: Chance(0.9) ? Pick(200, 201, 204, 400, 404, 429, 500, 503) : null,
                LatencyMs: Chance(0.8) ? Number(0, 900) : null,
                RequestBytes: Chance(0.8) ? random.Next(0, 100_000) : null,
                ResponseBytes: Chance(0.8) ? random.Next(0, 5_000_000) : null,
                Measures: measures,
                Dimensions: dimensions));
        }

        return events;
    }

    private (string Body, bool Summed, bool Grouped) Meter()
    {
        var body = new StringBuilder();
        var numeric = Pick("measures.tokens", "measures.amount", "response_bytes", "latency_ms", "status");
        var function = Pick("count", "sum", "sum", "max", "min", "unique", "latest", "time_weighted");
        body.Append(function switch
        {
            "count" => "    count\n",
            "unique" => $"    unique {Pick("dimensions.region", "method", "route", "status")}\n",
            "time_weighted" => "    time_weighted measures.seats\n",
            _ => $"    {function} {numeric}\n",
        });
        for (var i = random.Next(0, 3); i > 0; i--)
        {
            body.Append(CultureInfo.InvariantCulture, $"    where {Condition(2)}\n");
        }

        var grouped = Chance(0.3);
        if (grouped)
        {
            body.Append("    group by dimensions.region\n");
        }

        if (Chance(0.3))
        {
            body.Append(CultureInfo.InvariantCulture, $"    {Pick("divide", "multiply")} by {Pick("1000", "3", "0.5", "7")}\n");
        }

        if (Chance(0.3))
        {
            body.Append(CultureInfo.InvariantCulture, $"    round {Pick("up", "down", "half_up", "half_even")} to {random.Next(0, 3)} places\n");
        }

        return (body.ToString(), function == "sum", grouped);
    }

    private string Condition(int depth)
    {
        if (depth > 0 && Chance(0.35))
        {
            return Pick(0, 1, 2) switch
            {
                0 => $"{Operand(depth)} and {Operand(depth)}",
                1 => $"{Operand(depth)} or {Operand(depth)}",
                _ => $"not ({Condition(depth - 1)})",
            };
        }

        return Pick(0, 1, 2, 3, 4, 5, 6) switch
        {
            0 => $"method {Pick("=", "!=")} \"{Pick(Methods)}\"",
            1 => $"status {Pick("=", "!=", "<", "<=", ">", ">=")} {Pick(200, 400, 404, 500)}",
            2 => $"status {Pick("between", "not between")} {Pick(200, 300)} and {Pick(400, 599)}",
            3 => $"method {Pick("in", "not in")} [\"{Pick(Methods)}\", \"{Pick(Methods)}\"]",
            4 => $"route {Pick("starts with \"/v1\"", "matches \"/v1/*\"", "matches \"/v?/**\"")}",
            5 => $"dimensions.region {Pick("=", "!=")} \"{Pick(Regions)}\"",
            _ => $"measures.tokens {Pick(">", "<=")} {Number(0, 5000)}",
        };
    }

    private string Operand(int depth) => $"({Condition(depth - 1)})";

    private string Charge(string meter, bool summed, bool grouped)
    {
        var body = new StringBuilder();
        if (grouped && Chance(0.6))
        {
            body.Append(CultureInfo.InvariantCulture, $"        when \"{Regions[0]}\" {Pricing(summed, allowPercentage: true)}\n");
            body.Append(CultureInfo.InvariantCulture, $"        when \"{Regions[1]}\" {Pricing(summed, allowPercentage: true)}\n");
            if (Chance(0.5))
            {
                body.Append(CultureInfo.InvariantCulture, $"        otherwise {Pricing(summed, allowPercentage: true)}\n");
            }

            return $"    charge {meter} by dimensions.region {{\n{body}{Adjustments(percentage: true)}    }}\n";
        }

        var pricing = Pricing(summed, allowPercentage: true);
        var isPercentage = pricing.StartsWith("percentage", StringComparison.Ordinal);
        return $"    charge {meter} {{\n        {pricing}\n{Adjustments(isPercentage)}    }}\n";
    }

    private string Adjustments(bool percentage)
    {
        var text = new StringBuilder();
        if (!percentage && Chance(0.3))
        {
            text.Append(CultureInfo.InvariantCulture, $"        free {Number(0, 50)}\n");
        }

        if (Chance(0.2))
        {
            text.Append(CultureInfo.InvariantCulture, $"        minimum {Number(0, 20)}\n");
        }

        if (Chance(0.2))
        {
            text.Append(CultureInfo.InvariantCulture, $"        maximum {Number(20, 900)}\n");
        }

        if (Chance(0.3))
        {
            text.Append(CultureInfo.InvariantCulture, $"        discount {Pick("10%", "2.5", "33.3%")}{Pick(string.Empty, " until 2026-01-15", " until 2027-01-01")}\n");
        }

        return text.ToString();
    }

    private string Pricing(bool summed, bool allowPercentage)
    {
        var choice = random.Next(0, summed && allowPercentage ? 6 : 5);
        return choice switch
        {
            0 => $"per unit {Money()}",
            1 => $"graduated {{ {Tiers()} }}",
            2 => $"volume {{ {Tiers()} }}",
            3 => $"package of {Pick("1", "10", "2.5", "1000")} for {Money()}",
            4 => $"graduated percentage {{ {RateTiers()} }}",
            _ => Percentage(),
        };
    }

    private string Tiers()
    {
        var bound = 0m;
        var tiers = new StringBuilder();
        for (var i = random.Next(0, 4); i > 0; i--)
        {
            bound += Number(1, 500);
            tiers.Append(CultureInfo.InvariantCulture, $"up to {bound} at {Money()}{(Chance(0.4) ? $" flat {Money()}" : string.Empty)} ");
        }

        return tiers.Append(CultureInfo.InvariantCulture, $"above at {Money()}{(Chance(0.4) ? $" flat {Money()}" : string.Empty)}").ToString();
    }

    private string RateTiers()
    {
        var bound = 0m;
        var tiers = new StringBuilder();
        for (var i = random.Next(0, 4); i > 0; i--)
        {
            bound += Number(1, 2000);
            tiers.Append(CultureInfo.InvariantCulture, $"up to {bound} at {Number(0, 10)}%{(Chance(0.4) ? $" flat {Money()}" : string.Empty)} ");
        }

        return tiers.Append(CultureInfo.InvariantCulture, $"above at {Number(0, 10)}%").ToString();
    }

    private string Percentage()
    {
        var options = new List<string>();
        if (Chance(0.5))
        {
            options.Add($"fee {Money()} per event");
        }

        if (Chance(0.4))
        {
            options.Add($"free first {random.Next(0, 6)} events");
        }

        if (Chance(0.4))
        {
            options.Add($"free first {Number(0, 3000)}");
        }

        var minimum = Number(0, 2);
        if (Chance(0.3))
        {
            options.Add($"minimum {minimum} per event");
        }

        if (Chance(0.3))
        {
            options.Add($"maximum {minimum + Number(0, 50)} per event");
        }

        var rate = $"percentage {Number(0, 10)}%";
        return options.Count == 0 ? rate : $"{rate} {{ {string.Join(" ", options)} }}";
    }

    private string Money() => Number(0, 20).ToString(CultureInfo.InvariantCulture);

    // Decimals with 0 to 4 places, so that scales vary as they do in real plans.
    private decimal Number(int low, int high) =>
        decimal.Round(low + (decimal)random.NextDouble() * (high - low), random.Next(0, 5), MidpointRounding.ToZero);

    private bool Chance(double probability) => random.NextDouble() < probability;

    private T Pick<T>(params T[] choices) => choices[random.Next(choices.Length)];
}
