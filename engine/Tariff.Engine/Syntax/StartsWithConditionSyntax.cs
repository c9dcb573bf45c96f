namespace Tariff.Engine.Syntax;

/// <summary><c>path starts with "/v1/"</c>.</summary>
public sealed record StartsWithConditionSyntax(FieldSyntax Field, string Prefix) : ConditionSyntax;
