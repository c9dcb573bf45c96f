using Microsoft.Extensions.DependencyInjection;
using Tariff.Engine.Evaluation;
using Tariff.Engine.Usage;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using Tariff.Platform.Ingest;
using Tariff.Platform.Metering;
using Tariff.Platform.Tests.Billing;

namespace Tariff.Platform.Tests.Metering;

/// <summary>A billing world whose usage goes through the ingest service, so the real-time counters see it.</summary>
internal static class MeteringWorld
{
    public const string Plan = """
        meter calls {
            count
            where status < 500
        }

        meter egress_gb {
            sum response_bytes
            divide by 1000000000
            round up to 2 places
        }

        meter tokens {
            sum measures.tokens
            group by dimensions.model
        }

        meter peak_latency {
            max latency_ms
        }

        meter fastest {
            min latency_ms
        }

        meter users {
            unique dimensions.user
        }

        meter seats {
            latest measures.seats
        }

        meter storage {
            time_weighted measures.gb
        }

        plan pro {
            currency USD
            charge calls { per unit 0.001 }
            charge egress_gb { per unit 0.09 }
            charge tokens { per unit 0.00002 }
            charge peak_latency { per unit 0 }
            charge fastest { per unit 0 }
            charge users { per unit 1 }
            charge seats { per unit 5 }
            quota calls 100 hard
            quota storage 50 soft
        }
        """;

    public static IngestService Ingest(this BillingWorld world) => world.Services.GetRequiredService<IngestService>();

    /// <summary>Sends events through the ingest service, as the API would; returns how many were accepted.</summary>
    public static async Task<int> SendAsync(this BillingWorld world, IReadOnlyList<UsageEvent> events, IngestService? through = null)
    {
        var report = await (through ?? world.Ingest()).IngestAsync(world.Tenant, [.. events.Select((e, i) => DecodedEvent.Read(i, e))]);
        return report.Accepted;
    }

    /// <summary>The meters billing measures for the consumer over its current period (the reference the counters must match).</summary>
    public static async Task<IReadOnlyList<MeterResult>> BilledMetersAsync(this BillingWorld world, Consumer consumer, Subscription subscription, UsagePeriod period)
    {
        var plans = world.Services.GetRequiredService<PlanService>();
        var version = (await plans.FindVersionAsync(world.Tenant, subscription.PlanId, subscription.PlanVersion))!;
        var metering = MeteringPlan.Of(plans.Checked(version));
        // The reference interpreter over every measured meter as written, conversions included, on the stored events.
        var engine = new InterpretedRatingEngine(metering.Raw with { Charges = [.. metering.Raw.Charges.Select((c, i) => c with { Meter = metering.Meters[i] })] });
        var events = await world.Services.GetRequiredService<ConsumerMeterReader>().EventsAsync(world.Tenant, consumer, period);
        return [.. metering.Meters.Select((_, i) => engine.EvaluateMeter(i, events, period))];
    }

    /// <summary>The counters' view of the consumer's current period.</summary>
    public static async Task<CurrentUsage> CountedAsync(this BillingWorld world, Consumer consumer)
    {
        var metering = await world.Services.GetRequiredService<MeteringCatalog>().GetAsync(world.Tenant, fresh: true);
        return (await world.Services.GetRequiredService<UsageCounters>().CurrentAsync(metering, metering.FindConsumer(consumer.Id)!, world.Clock.GetUtcNow()))!;
    }

    /// <summary>Each meter as "name: group=quantity; …", to compare two measurements at a glance in a failure.</summary>
    public static string Describe(IEnumerable<MeterResult> meters) => string.Join(" | ", meters.Select(m =>
        $"{m.Meter}: {string.Join("; ", m.Groups.Select(g => $"{g.Key}={g.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)}"))}"));
}
