namespace Tariff.Platform.Assistant;

/// <summary>What the assistant writes: a pricing plan (with its meters), a billing schedule, or a saved usage query (with its meters).</summary>
public static class AssistantKinds
{
    public const string Plan = "plan";
    public const string Schedule = "schedule";
    public const string Query = "query";

    public static bool IsKnown(string? kind) => kind is Plan or Schedule or Query;
}
