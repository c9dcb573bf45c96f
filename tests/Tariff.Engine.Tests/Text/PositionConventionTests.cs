using Tariff.Engine.Text;

namespace Tariff.Engine.Tests.Text;

public sealed class PositionConventionTests
{
    [Fact]
    public void EditorPosition_FromSource_AddsOneToTheColumnOnly()
    {
        Assert.Equal(new EditorPosition(3, 1), EditorPosition.FromSource(new SourcePosition(3, 0)));
    }

    [Fact]
    public void EditorPosition_RoundTrip_ReturnsTheSameSourcePosition()
    {
        var source = new SourcePosition(12, 7);
        Assert.Equal(source, EditorPosition.FromSource(source).ToSource());
    }

    [Fact]
    public void SourcePosition_ToString_PrintsTheColumnFromOneLikeCompilers()
    {
        Assert.Equal("2,5", new SourcePosition(2, 4).ToString());
    }
}
