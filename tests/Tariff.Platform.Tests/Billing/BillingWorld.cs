using Microsoft.Extensions.DependencyInjection;
using Tariff.Engine.Usage;
using Tariff.Platform.Accounts;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using Tariff.Platform.Database;
using Tariff.Platform.Usage;
using Tariff.Testing;

namespace Tariff.Platform.Tests.Billing;

/// <summary>
/// A tenant in its own database with the platform's real services and a fake clock: what billing tests build their
/// months on. <see cref="AddInstance"/> gives a second set of services on the same database, as a second
/// studio process would have.
/// </summary>
internal sealed class BillingWorld : IAsyncDisposable
{
    private readonly List<ServiceProvider> instances = [];
    private int eventNumber;

    private BillingWorld(PostgresTestDatabase database) => Database = database;

    public PostgresTestDatabase Database { get; }

    public ServiceProvider Services => instances[0];

    public FakeTimeProvider Clock => (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();

    public Guid Tenant { get; private set; }

    public BillingRunner Runner => Services.GetRequiredService<BillingRunner>();

    public InvoiceStore Invoices => Services.GetRequiredService<InvoiceStore>();

    public static async Task<BillingWorld> CreateAsync(string purpose, Action<IServiceCollection>? configure = null)
    {
        var world = new BillingWorld(await PostgresTestDatabase.CreateAsync(purpose));
        var services = world.AddInstance(configure);
        await services.GetRequiredService<MigrationRunner>().ApplyAsync(MigrationCatalog.Load());
        await using var scope = services.CreateAsyncScope();
        world.Tenant = (await scope.ServiceProvider.GetRequiredService<AccountService>().CreateTenantAsync("acme", "Acme")).Id;
        return world;
    }

    /// <summary>Another set of the platform's services on the same database.</summary>
    public ServiceProvider AddInstance(Action<IServiceCollection>? configure = null)
    {
        var services = PlatformServices.Create(Database.ConnectionString, configure: configure);
        instances.Add(services);
        return services;
    }

    /// <summary>Creates and publishes a plan; returns its id.</summary>
    public async Task<Guid> PublishPlanAsync(string code, string text)
    {
        var plans = Services.GetRequiredService<PlanService>();
        var (plan, _) = await plans.CreateAsync(Tenant, code, code, null, text, "ana");
        await plans.PublishAsync(Tenant, plan.Id, "first", "typed", "ana");
        return plan.Id;
    }

    /// <summary>A consumer with the gateway identity <c>gw-CODE</c>, subscribed to the plan from <paramref name="start"/>.</summary>
    public async Task<(Consumer Consumer, Subscription Subscription)> SubscribeAsync(string code, Guid planId, DateTimeOffset start, string timeZone = "UTC")
    {
        var consumer = await Services.GetRequiredService<ConsumerService>().CreateAsync(Tenant, code, code, null, [$"gw-{code}"]);
        var subscription = await Services.GetRequiredService<SubscriptionService>().CreateAsync(Tenant, consumer.Id, planId, null, start, null, timeZone);
        return (consumer, subscription);
    }

    /// <summary>Stores <paramref name="calls"/> events of the consumer's identity, spread evenly over <paramref name="spread"/> from <paramref name="from"/>.</summary>
    public async Task UseAsync(string consumerCode, int calls, DateTimeOffset from, TimeSpan spread)
    {
        var events = Enumerable.Range(0, calls)
            .Select(i => new IncomingEvent(new UsageEvent($"e{Interlocked.Increment(ref eventNumber)}", from + (spread * i / calls), $"gw-{consumerCode}", "kong"), Late: false))
            .ToList();
        await Services.GetRequiredService<IUsageStore>().AppendAsync(Tenant, events, Clock.GetUtcNow());
    }

    /// <summary>Moves the clock to <paramref name="now"/> and runs billing for everyone as of then.</summary>
    public async Task<BillingRun> RunAsync(DateTimeOffset now, bool dryRun = false)
    {
        Clock.MoveTo(now);
        return await Runner.RunAsync(Tenant, new BillingRunRequest(now, [], [], dryRun, "manual", "operator"));
    }

    public static DateTimeOffset At(int year, int month, int day, int hour = 0) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    public async ValueTask DisposeAsync()
    {
        foreach (var services in instances)
        {
            await services.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
