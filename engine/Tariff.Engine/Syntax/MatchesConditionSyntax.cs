namespace Tariff.Engine.Syntax;

/// <summary><c>route matches "/v1/*/items"</c>: a glob where <c>*</c> is any run within a segment, <c>**</c> any run, <c>?</c> one character.</summary>
public sealed record MatchesConditionSyntax(FieldSyntax Field, string Pattern) : ConditionSyntax;
