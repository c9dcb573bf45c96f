using Tariff.Engine.Text;

namespace Tariff.Engine.Syntax;

/// <summary>A <c>plan</c> declaration: how usage becomes money.</summary>
public sealed record PlanDeclarationSyntax(string Name, SourceSpan NameSpan) : DeclarationSyntax(Name, NameSpan);
