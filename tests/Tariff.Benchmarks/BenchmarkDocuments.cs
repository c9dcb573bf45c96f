using System.Globalization;
using System.Text;
using Tariff.Engine.Usage;

namespace Tariff.Benchmarks;

/// <summary>Documents and usage of known size for the benchmarks.</summary>
public static class BenchmarkDocuments
{
    /// <summary>The meter measured against hand-written C#: a sum with a two-part filter.</summary>
    public const string FilteredSum = """
        meter tokens {
            sum measures.tokens
            where method = "POST" and status < 500
        }

        plan p {
            currency USD
            charge tokens {
                per unit 0.001
            }
        }
        """;

    /// <summary>A graduated charge with five tiers.</summary>
    public const string FiveTiers = """
        meter calls {
            count
        }

        plan p {
            currency USD
            charge calls {
                graduated {
                    up to 1000 at 0
                    up to 10000 at 0.004 flat 5
                    up to 100000 at 0.003
                    up to 1000000 at 0.002 flat 10
                    above at 0.001
                }
            }
        }
        """;

    /// <summary>A document of at least <paramref name="lines"/> lines: meters, then one plan charging them all.</summary>
    public static string OfLines(int lines)
    {
        // Each meter takes 7 lines and its charge 8; the plan's frame takes 5.
        var meters = Math.Max(1, (lines - 5 + 14) / 15);
        var text = new StringBuilder();
        for (var i = 0; i < meters; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"meter m{i} {{\n    sum measures.tokens\n    where method in [\"GET\", \"POST\"] and status between 200 and 499\n    group by dimensions.region\n    divide by 1000\n}}\n\n");
        }

        text.Append("plan p {\n    currency USD\n    fee base 49 recurring in advance\n");
        for (var i = 0; i < meters; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"    charge m{i} {{\n        graduated {{\n            up to 100 at 0.01\n            up to 1000 at 0.005 flat 1\n            above at 0.001\n        }}\n        free 10\n    }}\n");
        }

        return text.Append("}\n").ToString();
    }

    /// <summary>Events with a mix of methods, statuses and token counts, inside January 2026.</summary>
    public static UsageEvent[] Events(int count)
    {
        var random = new Random(42);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        string[] methods = ["GET", "POST", "POST", "PUT"];
        int[] statuses = [200, 201, 404, 500];
        var events = new UsageEvent[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = new UsageEvent($"e{i}", start.AddSeconds(i % 2_000_000), "acme",
                Method: methods[random.Next(methods.Length)],
                Status: statuses[random.Next(statuses.Length)],
                Measures: new Dictionary<string, decimal> { ["tokens"] = random.Next(1, 5000) });
        }

        return events;
    }
}
