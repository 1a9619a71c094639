using Command.Abstractions.Jurisdictions;
using Command.Silo.Addresses;
using Command.Silo.Jurisdictions;
using NetTopologySuite.Geometries;

namespace Command.Tests.Maps;

/// <summary>The synthetic standard address base of the demo is what its generator makes, and plausible: unique
/// street addresses inside the township they name, all marked synthetic.</summary>
public sealed class AddressSynthesizerTests
{
    private static readonly string MapsDirectory = JurisdictionMap.FindMapsDirectory();
    private static readonly JurisdictionMap Map = JurisdictionMap.Load(MapsDirectory);

    [Fact]
    public void CommittedAddressFileMatchesGenerator()
    {
        var committed = File.ReadAllText(Path.Combine(MapsDirectory, AddressBook.DemoFileName));

        var generated = AddressSynthesizer.Csv(AddressSynthesizer.Synthesize(Map));

        Assert.True(committed == generated,
            $"{AddressBook.DemoFileName} is stale: regenerate it with `dotnet run --project Command.Silo -- maps synthesize`.");
    }

    [Fact]
    public void EveryDemoAddressIsUniqueSyntheticAndInsideTheTownshipItNames()
    {
        var path = Path.Combine(MapsDirectory, AddressBook.DemoFileName);
        var parsed = AddressCsv.Parse(File.ReadAllText(path), Map);

        Assert.Empty(parsed.Errors);
        Assert.InRange(parsed.Addresses.Count, 5_000, 30_000);
        Assert.InRange(new FileInfo(path).Length, 1, 3_000_000);
        Assert.Equal(parsed.Addresses.Count, parsed.Addresses.Select(a => a.Address).Distinct().Count());
        foreach (var address in parsed.Addresses)
        {
            Assert.True(address.Synthetic);
            var chain = Map.ChainOf(address.JurisdictionId);
            var township = chain.Single(j => j.Level == JurisdictionLevel.Township);
            var county = chain.Single(j => j.Level == JurisdictionLevel.County);
            Assert.StartsWith($"聊城市{county.Name}{township.Name}", address.Address);
            Assert.Matches(@"(路|大道|街|大街)\d+号$", address.Address);
            Assert.True(township.Prepared.Covers(new Point(address.Lon, address.Lat)), $"{address.Address} lies outside {township.Name}");
        }
    }

    [Fact]
    public void AmongFiftyThousandAddressesTheExactOneRanksFirst()
    {
        // The demo base six times over, each copy another 单元, is the size of a county town's real base.
        var demo = AddressCsv.Parse(File.ReadAllText(Path.Combine(MapsDirectory, AddressBook.DemoFileName)), Map).Addresses;
        var many = Enumerable.Range(1, 6).SelectMany(k => demo.Select(a => a with { Address = a.Address.Replace("号", $"号{k}单元") })).ToList();
        var index = new AddressIndex(many, "test");

        foreach (var target in new[] { many[0], many[many.Count / 2], many[^1] })
        {
            Assert.Equal(target.Address, index.Search(target.Address, 8)[0].Address);
            // The house without its 单元 offers the six 单元 of that house, and no other house.
            var house = target.Address[..(target.Address.IndexOf('号') + 1)];
            var units = index.Search(house, 8);
            Assert.Equal(6, units.Count);
            Assert.All(units, u => Assert.StartsWith(house, u.Address));
        }
    }
}
