namespace Tariff.Platform.Assistant;

/// <summary>What the assistant writes: a pricing plan (with its meters) or a billing schedule.</summary>
public static class AssistantKinds
{
    public const string Plan = "plan";
    public const string Schedule = "schedule";

    public static bool IsKnown(string? kind) => kind is Plan or Schedule;
}
