namespace Tariff.Engine.Syntax;

/// <summary>What happens at a quota's limit.</summary>
public enum QuotaKind
{
    /// <summary>Deny usage beyond the limit.</summary>
    Hard,

    /// <summary>Allow usage beyond the limit and alert.</summary>
    Soft,
}
