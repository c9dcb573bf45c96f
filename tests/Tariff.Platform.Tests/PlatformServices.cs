using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tariff.Testing;

namespace Tariff.Platform.Tests;

/// <summary>The platform's real service registrations, pointed at a test database, with a fake clock.</summary>
internal static class PlatformServices
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    public static ServiceProvider Create(string connectionString, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?> { ["ConnectionStrings:Tariff"] = connectionString };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Epoch));
        services.AddTariffPlatform(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
