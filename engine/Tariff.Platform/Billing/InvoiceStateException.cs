namespace Tariff.Platform.Billing;

/// <summary>An invoice cannot go where it was asked to (finalizing a paid one, paying a draft): the API answers 409.</summary>
public sealed class InvoiceStateException : Exception
{
    public InvoiceStateException()
    {
    }

    public InvoiceStateException(string message)
        : base(message)
    {
    }

    public InvoiceStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
