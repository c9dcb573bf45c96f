namespace Tariff.Engine.Syntax;

/// <summary><c>method in ["GET", "HEAD"]</c>, or with <c>not in</c>.</summary>
public sealed record InConditionSyntax(FieldSyntax Field, bool Negated, IReadOnlyList<LiteralSyntax> Values) : ConditionSyntax;
