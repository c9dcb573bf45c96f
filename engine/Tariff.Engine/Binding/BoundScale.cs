using Tariff.Engine.Syntax;

namespace Tariff.Engine.Binding;

/// <summary>A unit conversion step of a meter's quantity.</summary>
public sealed record BoundScale(ScaleOperation Operation, decimal Factor);
