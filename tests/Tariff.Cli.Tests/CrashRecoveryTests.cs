using System.Text.Json;
using Tariff.Cli.Ingest;
using Tariff.Testing;

namespace Tariff.Cli.Tests;

/// <summary>
/// The server killed with SIGKILL in the middle of a load, then started again: every event it acknowledged is stored
/// exactly once, and sending everything again (what a sender does after a failure) stores the rest once too.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const string Key = "trf_crash_tests_ingest_key_0123456789abcdef";
    private static readonly Dictionary<string, string> Environment = new() { ["TARIFF_BOOTSTRAP_API_KEY"] = Key };

    // The studio process under test runs on the system clock; the events are stamped by the same one.
    private static readonly TimeProvider Clock = TimeProvider.System;

    [Fact]
    public async Task SigkillDuringLoad_EveryAcknowledgedEventIsStoredExactlyOnce()
    {
        var studio = await StudioProcess.StartAsync(Environment);
        try
        {
            var batches = Batches(count: 1_000, size: 100);
            var acknowledged = new List<string>();
            var aThirdAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sending = SendAllAsync(studio.BaseAddress, batches, acknowledged, () =>
            {
                if (acknowledged.Count >= 100 * batches.Count / 3)
                {
                    aThirdAcknowledged.TrySetResult();
                }
            });
            await aThirdAcknowledged.Task.WaitAsync(TimeSpan.FromMinutes(2));

            studio = await studio.KillAndRestartAsync(Environment);
            await sending;

            // The kill came in the middle: some batches were acknowledged, some were not.
            var total = batches.Sum(b => b.Ids.Count);
            Assert.InRange(acknowledged.Count, 1, total - 1);
            var stored = await studio.Database.QueryColumnAsync<string>("SELECT event_id FROM usage_events");
            Assert.Equal(stored.Count, stored.Distinct().Count());
            Assert.Empty(acknowledged.Except(stored));

            // The sender sends everything again: what was acknowledged is a duplicate, the rest is stored once.
            var resent = new List<string>();
            await SendAllAsync(studio.BaseAddress, batches, resent, () => { });
            Assert.Equal([(long)total], await studio.Database.QueryColumnAsync<long>("SELECT count(DISTINCT event_id) FROM usage_events"));
            Assert.Equal([(long)total], await studio.Database.QueryColumnAsync<long>("SELECT count(*) FROM usage_events"));
            Assert.Empty(resent.Intersect(acknowledged));
        }
        finally
        {
            await studio.DisposeAsync();
        }
    }

    // Sends every batch once, two at a time; a batch that fails (the server died under it) is simply not acknowledged.
    // After each acknowledgement, `progress` runs (under the list's lock).
    private static async Task SendAllAsync(Uri server, List<(byte[] Body, List<string> Ids)> batches, List<string> acknowledged, Action progress)
    {
        using var client = IngestClient.Create(server, Key, connections: 2, Clock);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            int k;
            while ((k = Interlocked.Increment(ref next)) < batches.Count)
            {
                try
                {
                    var result = await client.SendAsync("api/v1/events", "application/json", batches[k].Body, CancellationToken.None);
                    lock (acknowledged)
                    {
                        acknowledged.AddRange(result.AcceptedIds);
                        progress();
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
                {
                    // Not acknowledged: the sender will send it again.
                }
            }
        })));
    }

    private static List<(byte[] Body, List<string> Ids)> Batches(int count, int size)
    {
        var events = new SyntheticEvents("crash", consumers: 20, duplicateShare: 0, seed: 3);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var body = events.Batch(size, Clock.GetUtcNow());
            return (body, JsonDocument.Parse(body).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList());
        })];
    }
}
