namespace Tariff.Platform.Billing;

/// <summary>How a page of invoices is sorted.</summary>
public enum InvoiceOrder
{
    /// <summary>Newest period first.</summary>
    Period,

    /// <summary>Highest number first (in each series: INV, DN, CN), drafts last.</summary>
    Number,

    /// <summary>By the consumer's code, then newest period first.</summary>
    Consumer,

    /// <summary>Largest total first.</summary>
    Total,

    /// <summary>Oldest period first, then in the order made: the API's order, in which a client reads on from where it stopped.</summary>
    Oldest,
}
