using Tariff.Engine.Money;

namespace Tariff.Engine.Tests.Money;

public sealed class CurrencyTests
{
    [Theory]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    [InlineData("CLF", 4)]
    public void Find_KnownCode_HasItsIso4217MinorUnits(string code, int digits)
    {
        Assert.Equal(digits, Currency.Find(code)!.MinorUnits);
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("XAU")]
    [InlineData("ABC")]
    public void Find_UnknownOrNonCurrencyCode_IsNull(string code)
    {
        Assert.Null(Currency.Find(code));
    }

    [Theory]
    [InlineData("2.345", "USD", RoundingMode.HalfUp, "2.35")]
    [InlineData("2.345", "USD", RoundingMode.HalfEven, "2.34")]
    [InlineData("2.341", "USD", RoundingMode.Up, "2.35")]
    [InlineData("2.349", "USD", RoundingMode.Down, "2.34")]
    [InlineData("-2.345", "USD", RoundingMode.HalfUp, "-2.35")]
    [InlineData("1234.5", "JPY", RoundingMode.HalfUp, "1235")]
    [InlineData("1234.5", "JPY", RoundingMode.HalfEven, "1234")]
    [InlineData("1.0005", "KWD", RoundingMode.HalfUp, "1.001")]
    [InlineData("306", "USD", RoundingMode.HalfUp, "306.00")]
    [InlineData("7", "KWD", RoundingMode.HalfUp, "7.000")]
    public void RoundMoney_ByCurrencyAndMode_GivesTheMinorUnitsAndTheirScale(string amount, string code, RoundingMode mode, string expected)
    {
        var rounded = Rounding.RoundMoney(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Currency.Find(code)!, mode);

        Assert.Equal(expected, rounded.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
