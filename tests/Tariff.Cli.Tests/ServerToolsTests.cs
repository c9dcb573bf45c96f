using System.Text.Json;
using Tariff.Cli.Commands;
using Tariff.Testing;

namespace Tariff.Cli.Tests;

/// <summary><c>tariff replay</c> and <c>tariff loadgen</c> against the real studio process and PostgreSQL.</summary>
public sealed class ServerToolsTests : IAsyncLifetime
{
    private const string Key = "trf_cli_tests_ingest_key_0123456789abcdef";
    private StudioProcess studio = null!;

    public async Task InitializeAsync() =>
        studio = await StudioProcess.StartAsync(new Dictionary<string, string> { ["TARIFF_BOOTSTRAP_API_KEY"] = Key });

    public async Task DisposeAsync() => await studio.DisposeAsync();

    [Fact]
    public async Task Replay_AUsageFileTwice_StoresEveryEventOnceAndTheSecondTimeReportsDuplicates()
    {
        var file = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "cases", "charge-models", "graduated-doc-derived.usage.json");
        var count = JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement.GetProperty("events").GetArrayLength();

        var first = Replay(file, "--batch", "2");
        var second = Replay(file);

        Assert.Equal((0, "canonical", count, 0), (first.Code, first.Report.GetProperty("format").GetString(), first.Report.GetProperty("accepted").GetInt32(), first.Report.GetProperty("duplicates").GetInt32()));
        Assert.Equal((0, count), (second.Report.GetProperty("accepted").GetInt32(), second.Report.GetProperty("duplicates").GetInt32()));
        Assert.Equal([(long)count], await studio.Database.QueryColumnAsync<long>("SELECT count(*) FROM usage_events"));
    }

    [Fact]
    public void Replay_KongLogSamples_AreRecognisedAndSentToTheKongRoute()
    {
        var file = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "cases", "gateways", "kong-sample-3.json");

        var (code, report) = Replay(file);

        Assert.Equal(0, code);
        Assert.Equal(("kong", 1), (report.GetProperty("format").GetString(), report.GetProperty("accepted").GetInt32()));
    }

    [Fact]
    public async Task Loadgen_ShortRunWithDuplicates_ReportsEveryEventAcknowledgedOnceAndTheStoreAgrees()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = CommandLine.Run(
            ["loadgen", "--url", studio.BaseAddress.ToString(), "--key", Key, "--rate", "2000", "--duration", "2", "--batch", "100",
                "--connections", "2", "--duplicates", "0.2", "--json"],
            output, error);

        Assert.True(code == 0, error.ToString() + output);
        var report = JsonDocument.Parse(output.ToString()).RootElement;
        var (events, accepted, duplicates) = (report.GetProperty("Events").GetInt64(), report.GetProperty("Accepted").GetInt64(), report.GetProperty("Duplicates").GetInt64());
        Assert.Equal(events, accepted + duplicates);
        Assert.True(duplicates > 0, "the load generator sent no duplicates");
        Assert.Equal([accepted], await studio.Database.QueryColumnAsync<long>("SELECT count(*) FROM usage_events"));
        Assert.True(report.GetProperty("P99Ms").GetDouble() >= report.GetProperty("P50Ms").GetDouble());
    }

    private (int Code, JsonElement Report) Replay(string file, params string[] extra)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLine.Run(["replay", file, "--url", studio.BaseAddress.ToString(), "--key", Key, "--json", .. extra], output, error);
        Assert.True(code == 0, error.ToString() + output);
        return (code, JsonDocument.Parse(output.ToString()).RootElement.Clone());
    }
}
