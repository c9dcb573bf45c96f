namespace Tariff.Engine.Syntax;

/// <summary>Whether a fixed fee is billed at the start of its period or at its end.</summary>
public enum FeeBilling
{
    Advance,
    Arrears,
}
