using System.Text.Json.Serialization;

namespace Tariff.Engine.Syntax;

/// <summary>A charge model.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "model")]
[JsonDerivedType(typeof(PerUnitPricingSyntax), "per_unit")]
[JsonDerivedType(typeof(GraduatedPricingSyntax), "graduated")]
[JsonDerivedType(typeof(VolumePricingSyntax), "volume")]
[JsonDerivedType(typeof(PackagePricingSyntax), "package")]
[JsonDerivedType(typeof(PercentagePricingSyntax), "percentage")]
[JsonDerivedType(typeof(GraduatedPercentagePricingSyntax), "graduated_percentage")]
public abstract record PricingSyntax : SyntaxNode;
