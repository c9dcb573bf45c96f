using Tariff.Engine.Evaluation;
using Tariff.Platform.Catalog;

namespace Tariff.Platform.Metering;

/// <summary>A published plan version with its metering plan and the compiled code that measures it.</summary>
public sealed record MeteredVersion(PlanVersion Version, MeteringPlan Metering, IRatingEngine Engine);
