using System.Globalization;
using System.Text.Json;

namespace Tariff.Cli.Tests;

/// <summary>
/// Every published charge-model example (tests/cases/charge-models/charge-models.json, a copy of the team's shared test
/// data) written as a plan and a usage file: `tariff rate` must print the published amount as exact_total.
/// </summary>
public sealed class ChargeModelCaseTests
{
    private static readonly string Folder = Path.Combine(Cli.Cases, "charge-models");

    public static TheoryData<string, string> Cases
    {
        get
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "charge-models.json")));
            var data = new TheoryData<string, string>();
            foreach (var item in document.RootElement.GetProperty("cases").EnumerateArray())
            {
                data.Add(item.GetProperty("id").GetString()!, item.GetProperty("amount").GetString()!);
            }

            return data;
        }
    }

    [Fact]
    public void Cases_AllThirtySixPublishedExamples_AreCovered()
    {
        Assert.Equal(36, Cases.Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rate_PublishedCase_PrintsThePublishedAmountAsExactTotal(string id, string amount)
    {
        var (exitCode, output, error) = Cli.Run("rate", Path.Combine(Folder, $"{id}.tariff"), Path.Combine(Folder, $"{id}.usage.json"));

        Assert.True(exitCode == 0, error);
        using var result = JsonDocument.Parse(output);
        var exactTotal = decimal.Parse(result.RootElement.GetProperty("exact_total").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(decimal.Parse(amount, CultureInfo.InvariantCulture), exactTotal);
    }
}
