using Microsoft.Extensions.DependencyInjection;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using static Tariff.Platform.Tests.Billing.BillingWorld;

namespace Tariff.Platform.Tests.Billing;

/// <summary>The database's pages of invoices are the full list sorted and cut in memory, in every order, filters included.</summary>
public sealed class InvoicePagingTests : IAsyncLifetime
{
    private const string Plan = """
        meter calls {
            count
        }

        plan metered {
            currency USD
            charge calls {
                per unit 0.25
            }
        }
        """;

    private BillingWorld world = null!;

    public async Task InitializeAsync() => world = await BillingWorld.CreateAsync("invoice_paging");

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task PagesInEveryOrder_AreTheSortedListCutInPages()
    {
        var plan = await world.PublishPlanAsync("metered", Plan);
        foreach (var (code, calls) in new[] { ("delta", 3), ("alpha", 7), ("charlie", 7), ("bravo", 1) })
        {
            await world.SubscribeAsync(code, plan, At(2027, 1, 1));
            await world.UseAsync(code, calls, At(2027, 1, 10), TimeSpan.FromHours(1));
            await world.UseAsync(code, calls * 2, At(2027, 2, 10), TimeSpan.FromHours(1));
            await world.UseAsync(code, calls, At(2027, 3, 10), TimeSpan.FromHours(1));
        }

        await world.RunAsync(At(2027, 2, 10));
        await world.RunAsync(At(2027, 3, 10));
        await world.RunAsync(At(2027, 4, 1, 12));
        var all = await world.Invoices.ListAsync(world.Tenant, new InvoiceQuery());
        Assert.Equal((12, 4), (all.Count, all.Count(i => i.Status == "draft")));
        var codes = (await world.Services.GetRequiredService<ConsumerService>().ListAsync(world.Tenant)).ToDictionary(c => c.Id, c => c.Code);

        var expected = new Dictionary<InvoiceOrder, IReadOnlyList<Invoice>>
        {
            [InvoiceOrder.Period] = [.. all.OrderByDescending(i => i.Period.Start).ThenByDescending(i => i.CreatedAt).ThenBy(i => i.Id)],
            [InvoiceOrder.Number] = [.. all.OrderBy(i => i.Number is null).ThenByDescending(i => i.Number, StringComparer.Ordinal).ThenBy(i => i.Id)],
            [InvoiceOrder.Consumer] = [.. all.OrderBy(i => codes[i.ConsumerId], StringComparer.Ordinal).ThenByDescending(i => i.Period.Start).ThenBy(i => i.Id)],
            [InvoiceOrder.Total] = [.. all.OrderByDescending(i => i.Total).ThenBy(i => i.Id)],
        };
        foreach (var (order, sorted) in expected)
        {
            var pages = new List<Invoice>();
            for (var offset = 0; offset < all.Count; offset += 5)
            {
                pages.AddRange(await world.Invoices.PageAsync(world.Tenant, new InvoiceQuery(), order, offset, 5));
            }

            Assert.Equal(sorted.Select(i => i.Id), pages.Select(i => i.Id));
            Assert.Equal(sorted.Select(i => i.Lines.Count), pages.Select(i => i.Lines.Count));
        }

        var drafts = new InvoiceQuery(Status: "draft");
        Assert.Equal(4, await world.Invoices.CountAsync(world.Tenant, drafts));
        Assert.Equal(["alpha", "bravo"], (await world.Invoices.PageAsync(world.Tenant, drafts, InvoiceOrder.Consumer, 0, 2)).Select(i => codes[i.ConsumerId]));
        Assert.Empty(await world.Invoices.PageAsync(Guid.NewGuid(), new InvoiceQuery(), InvoiceOrder.Period, 0, 5));
    }
}
