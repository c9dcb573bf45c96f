using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Tariff.Engine.Compilation;
using Tariff.Platform.Accounts;
using Tariff.Platform.Alerts;
using Tariff.Platform.Analytics;
using Tariff.Platform.Assistant;
using Tariff.Platform.Audit;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using Tariff.Platform.Database;
using Tariff.Platform.Ingest;
using Tariff.Platform.Metering;
using Tariff.Platform.Scheduling;
using Tariff.Platform.Usage;
using Tariff.Platform.Usage.ClickHouse;
using Tariff.Platform.Wallets;

namespace Tariff.Platform;

/// <summary>Registers the platform's storage and account services.</summary>
public static class PlatformServiceCollectionExtensions
{
    /// <summary>
    /// Adds the database (from <c>ConnectionStrings:Tariff</c>, or the private cluster when it is unset), migrations
    /// and accounts. A <see cref="TimeProvider"/> registered before this call is kept; otherwise the system clock.
    /// </summary>
    public static IServiceCollection AddTariffPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new TariffDatabaseSettings(configuration.GetConnectionString(TariffDatabaseSettings.ConnectionStringName));
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => NpgsqlDataSource.Create(settings.ConnectionString));
        services.AddDbContext<TariffDbContext>((provider, options) =>
            options.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<IPasswordHasher<UserRecord>, PasswordHasher<UserRecord>>();
        services.AddScoped<AccountService>();
        services.AddScoped<AccessAdministration>();
        services.TryAddSingleton<IAuditActor, SystemActor>();
        services.AddSingleton<AuditLog>();
        services.AddScoped<DemoTenantSeeder>();
        services.AddOptions<IngestOptions>().Bind(configuration.GetSection(IngestOptions.Section));
        services.AddSingleton<UsageDataSource>();
        services.AddSingleton<UsagePartitions>();
        var usage = configuration.GetSection(UsageStoreOptions.Section).Get<UsageStoreOptions>() ?? new UsageStoreOptions();
        if (configuration.GetConnectionString("ClickHouse") is { Length: > 0 } clickHouseUrl)
        {
            usage.ClickHouseUrl = new Uri(clickHouseUrl);
        }

        usage.Validate();
        services.AddSingleton(usage);
        if (usage.Store == "clickhouse")
        {
            services.AddSingleton(_ => new ClickHouseClient(ClickHouseClient.CreateHttp(usage.ClickHouseUrl)));
            services.AddSingleton<IUsageStore>(provider => new ClickHouseUsageStore(
                provider.GetRequiredService<ClickHouseClient>(), usage.ClickHouseDatabase, provider.GetRequiredService<NpgsqlDataSource>()));
        }
        else
        {
            services.AddSingleton<IUsageStore, PostgresUsageStore>();
        }

        services.AddSingleton<IngestService>();
        services.AddSingleton<IngestStatistics>();
        services.AddSingleton<ProductService>();
        services.AddSingleton<PlanService>();
        services.AddSingleton<ConsumerService>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<SubscriptionMigrator>();
        services.TryAddSingleton<CompiledPlanCache>();
        services.AddSingleton<ConsumerMeterReader>();
        services.AddSingleton<IngestGate>();
        services.AddSingleton(configuration.GetSection(BillingOptions.Section).Get<BillingOptions>() ?? new BillingOptions());
        services.AddSingleton<TaxRateService>();
        services.AddSingleton<InvoiceStore>();
        services.AddSingleton<CreditNotes>();
        services.AddSingleton<InvoiceBuilder>();
        services.AddSingleton<BillingInstance>();
        services.AddSingleton<BillingInstanceWatch>();
        services.AddSingleton<BillingRunStore>();
        services.AddSingleton<BillingRunner>();
        services.AddSingleton<PlanBacktester>();
        services.AddSingleton<BillingScheduler>();
        services.AddSingleton<ScheduleService>();
        services.AddSingleton<QueryRunner>();
        services.AddSingleton<QueryService>();
        services.AddSingleton(configuration.GetSection(MeteringOptions.Section).Get<MeteringOptions>() ?? new MeteringOptions());
        services.AddSingleton<MeteringCatalog>();
        services.AddSingleton<CounterStore>();
        services.AddSingleton<CounterLocks>();
        services.AddSingleton<UsageCounters>();
        services.AddSingleton<CounterReconciler>();
        services.AddSingleton(configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>() ?? new SmtpOptions());
        services.AddSingleton<AlertStore>();
        services.AddSingleton<UsageAlerts>();
        services.AddSingleton<WebhookEndpointService>();
        services.AddHttpClient(AlertDispatcher.HttpClientName);
        services.AddSingleton<AlertDispatcher>();
        services.AddSingleton<MeteringWorker>();
        services.AddSingleton<EntitlementService>();
        services.AddSingleton<WalletUsage>();
        services.AddSingleton<WalletService>();
        services.AddSingleton<WalletMonitor>();
        var assistant = configuration.GetSection(AssistantOptions.Section).Get<AssistantOptions>() ?? new AssistantOptions();
        assistant.Validate();
        services.AddSingleton(assistant);
        services.AddSingleton<AssistantModels>();
        services.AddSingleton<AssistantExchanges>();
        services.AddSingleton<AssistantSubjects>();
        services.AddSingleton<PricingAssistant>();
        services.AddDataProtection().SetApplicationName("tariff");
        services.AddSingleton<PostgresXmlRepository>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<PostgresXmlRepository>((options, repository) => options.XmlRepository = repository);
        services.Configure<DemoTenantOptions>(options =>
        {
            options.AdminPassword = configuration["TARIFF_DEMO_ADMIN_PASSWORD"];
            options.BootstrapApiKey = configuration["TARIFF_BOOTSTRAP_API_KEY"];
        });
        return services;
    }
}
