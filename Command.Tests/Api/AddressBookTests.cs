using Command.Silo.Addresses;
using Command.Silo.Hosting;
using Command.Silo.Jurisdictions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Command.Tests.Api;

/// <summary>Where the address base comes from across restarts, and what a bad configured file does.</summary>
public sealed class AddressBookTests : IDisposable
{
    private static readonly JurisdictionMap Map = JurisdictionMap.Load(JurisdictionMap.FindMapsDirectory());
    private readonly string directory = Directory.CreateTempSubdirectory("command-addresses-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private AddressBook Book(StorageKind storage = StorageKind.Sqlite, string? file = null) => new(
        Map,
        Options.Create(new SiloOptions { Storage = storage, DataDirectory = Path.Combine(directory, "data") }),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Addresses:File"] = file }).Build(),
        NullLogger<AddressBook>.Instance);

    [Fact]
    public void AnImportedBaseIsStillThereAfterARestart()
    {
        var imported = Book().Import("address,lon,lat\n聊城市冠县清泉街8号,115.45,36.49\n");
        Assert.Empty(imported.Errors);

        var afterRestart = Book();

        Assert.Equal(1, afterRestart.Current.Count);
        Assert.Equal("聊城市冠县清泉街8号", Assert.Single(afterRestart.Current.Search("清泉街8号", 8)).Address);
    }

    [Fact]
    public void ARefusedImportLeavesTheKeptBaseAsItWas()
    {
        Book().Import("聊城市冠县清泉街8号,115.45,36.49\n");

        var refused = Book().Import("聊城市冠县清泉街9号,不是数字,36.49\n");

        Assert.Equal(1, Assert.Single(refused.Errors).Line);
        Assert.Single(Book().Current.Search("清泉街8号", 8));
        Assert.Empty(Book().Current.Search("清泉街9号", 8));
    }

    [Fact]
    public void WithoutAConfiguredFileTheSyntheticDemoBaseIsUsed()
    {
        var book = Book(StorageKind.Memory);

        Assert.True(book.Current.Count > 5_000);
        Assert.All(book.Current.Search("路1号", 5), a => Assert.True(a.Synthetic));
    }

    [Fact]
    public void AConfiguredFileWithABadLineIsNotUsedAndTheDemoStreetsAreNotPutInItsPlace()
    {
        var file = Path.Combine(directory, "bad.csv");
        File.WriteAllText(file, "聊城市冠县清泉街8号,115.45,36.49\n聊城市冠县清泉街9号,115.45\n");

        var book = Book(StorageKind.Memory, file);

        Assert.Equal(0, book.Current.Count);
    }

    [Fact]
    public void AConfiguredGoodFileIsUsed()
    {
        var file = Path.Combine(directory, "good.csv");
        File.WriteAllText(file, "address,lon,lat,jurisdictionId,synthetic\n聊城市冠县清泉街8号,115.45,36.49,,false\n");

        var book = Book(StorageKind.Memory, file);

        Assert.False(Assert.Single(book.Current.Search("清泉街8号", 8)).Synthetic);
        Assert.Equal(1, book.Current.Count);
    }
}
