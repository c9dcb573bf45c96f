namespace Tariff.Engine.Syntax;

/// <summary>A unit conversion of a meter's quantity.</summary>
public enum ScaleOperation
{
    /// <summary>Divide the quantity (bytes to gigabytes).</summary>
    Divide,

    /// <summary>Multiply the quantity.</summary>
    Multiply,
}
