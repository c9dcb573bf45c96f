namespace Tariff.Engine.Syntax;

/// <summary>A comparison in a condition.</summary>
public enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
