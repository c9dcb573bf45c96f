using Tariff.Engine.Binding;

namespace Tariff.Engine.Tests.Binding;

public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("/v1/*", "/v1/items", true)]
    [InlineData("/v1/*", "/v1/items/42", false)]
    [InlineData("/v1/**", "/v1/items/42", true)]
    [InlineData("/v1/*/items", "/v1/acme/items", true)]
    [InlineData("/v1/?", "/v1/a", true)]
    [InlineData("/v1/?", "/v1/ab", false)]
    [InlineData("*.json", "a/b.json", false)]
    [InlineData("**.json", "a/b.json", true)]
    [InlineData("exact", "exact", true)]
    [InlineData("exact", "exactly", false)]
    [InlineData("", "", true)]
    public void IsMatch_Patterns_FollowGlobRules(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, new GlobPattern(pattern).IsMatch(text));
    }

    [Fact]
    public void IsMatch_PathologicalPattern_StaysLinear()
    {
        // Regular-expression engines backtrack exponentially on patterns like this; the glob matcher must not.
        var pattern = new GlobPattern(string.Concat(Enumerable.Repeat("**a", 30)) + "b");
        var text = new string('a', 5_000);

        Assert.False(pattern.IsMatch(text));
    }
}
