using Command.Silo.Statistics;

namespace Command.Tests.Statistics;

/// <summary>The selection the queries use gives the nearest rank of a sort, for any count and any order.</summary>
public sealed class PercentileTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(1_000)]
    [InlineData(100_001)]
    public void MedianAndP90AreTheNearestRanksOfTheSortedValues(int count)
    {
        var random = new Random(count);
        foreach (int spread in new[] { 3, 600, int.MaxValue })
        {
            var values = Enumerable.Range(0, count).Select(_ => random.Next(spread)).ToList();
            var sorted = values.Order().ToList();

            var (median, p90) = Percentiles.MedianAndP90(values);

            Assert.Equal(sorted[(int)Math.Ceiling(count * 0.5) - 1], median);
            Assert.Equal(sorted[(int)Math.Ceiling(count * 0.9) - 1], p90);
            Assert.Equal(sorted, values.Order().ToList());
        }
    }

    [Fact]
    public void OfTwoValuesTheMedianIsTheLowerAndOfNoneThereIsNone()
    {
        Assert.Equal((10, 20), Percentiles.MedianAndP90([20, 10]));
        Assert.Equal((null, null), Percentiles.MedianAndP90([]));
        Assert.Equal(3, Percentiles.Seconds(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(3.99)));
    }
}
