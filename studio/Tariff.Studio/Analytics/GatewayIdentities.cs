using Tariff.Engine.Evaluation;
using Tariff.Platform.Catalog;
using Tariff.Platform.Usage;

namespace Tariff.Studio.Analytics;

/// <summary>
/// Which gateway identities sent usage and who owns them: the usage store knows identities, the catalog knows
/// consumers, and the API, the consumers page and the dashboard all ask the same question of both.
/// </summary>
public sealed class GatewayIdentities(IUsageStore store, ConsumerService consumers)
{
    /// <summary>Every identity with events in <paramref name="period"/>, with its consumer when mapped (null when nobody owns it).</summary>
    public async Task<IReadOnlyList<GatewayIdentity>> SeenAsync(Guid tenantId, UsagePeriod period, CancellationToken cancellationToken)
    {
        var mapped = await consumers.MappedIdentitiesAsync(tenantId, cancellationToken);
        return [.. (await store.IdentitiesAsync(tenantId, period, cancellationToken))
            .Select(i => new GatewayIdentity(i.Identity, mapped.TryGetValue(i.Identity, out var consumer) ? consumer : null, i.Events, i.First, i.Last))];
    }
}
