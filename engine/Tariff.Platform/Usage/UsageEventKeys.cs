using Npgsql;

namespace Tariff.Platform.Usage;

/// <summary>The idempotency keys in PostgreSQL's <c>usage_event_keys</c>, which decide for every store what is new.</summary>
internal static class UsageEventKeys
{
    /// <summary>Forgets the keys received before <paramref name="before"/>; returns how many.</summary>
    public static async Task<long> ForgetAsync(NpgsqlDataSource dataSource, DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM usage_event_keys WHERE received_at < @before");
        command.Parameters.AddWithValue("before", before);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
