using Tariff.Engine.Evaluation;

namespace Tariff.Platform.Metering;

/// <summary>A published plan version's metering plan and the compiled code that measures it.</summary>
public sealed record MeteredVersion(MeteringPlan Metering, IRatingEngine Engine);
