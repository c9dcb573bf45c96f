using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Tariff.Studio.Components.Fragments;

namespace Tariff.Studio.Tests.Components;

public sealed class StatusPanelTests
{
    [Fact]
    public async Task StatusPanel_MixedReport_RendersOneGreenAndOneRedBadgeWithDescriptions()
    {
        var report = new HealthReport(new Dictionary<string, HealthReportEntry>
        {
            ["database"] = new(HealthStatus.Healthy, "PostgreSQL at 127.0.0.1:55432/tariff", TimeSpan.Zero, null, null),
            ["clickhouse"] = new(HealthStatus.Unhealthy, "ClickHouse at 127.0.0.1:8123: connection refused", TimeSpan.Zero, null, null),
        }, TimeSpan.Zero);

        var html = await RenderAsync(report);
        var items = (await new HtmlParser().ParseDocumentAsync(html)).QuerySelectorAll("[data-testid=status-list] li");

        Assert.Collection(items,
            item =>
            {
                Assert.Equal("Healthy", item.QuerySelector(".badge.text-bg-success")?.TextContent);
                Assert.Contains("database · PostgreSQL at 127.0.0.1:55432/tariff", item.TextContent, StringComparison.Ordinal);
            },
            item =>
            {
                Assert.Equal("Unhealthy", item.QuerySelector(".badge.text-bg-danger")?.TextContent);
                Assert.Contains("connection refused", item.TextContent, StringComparison.Ordinal);
            });
    }

    private static async Task<string> RenderAsync(HealthReport report)
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<StatusPanel>(ParameterView.FromDictionary(
                new Dictionary<string, object?> { [nameof(StatusPanel.Report)] = report }));
            return output.ToHtmlString();
        });
    }
}
