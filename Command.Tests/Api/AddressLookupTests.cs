using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Command.Silo.Addresses;
using Command.Silo.Jurisdictions;
using Command.Tests.Support;

namespace Command.Tests.Api;

/// <summary>GET /api/addresses geocodes a typed street address against the standard address base (标准地址), and an
/// administrator's import takes a whole file or none of it, naming every bad line.</summary>
public sealed partial class AddressLookupTests : AppTest
{
    /// <summary>A real line of the shipped demo base, so the test follows the generator.</summary>
    private static readonly StandardAddress Known = PickKnown(DemoAddresses());

    /// <summary>A 12号 on a …路 whose 2号 exists too, so that a search for the one can be seen not to find the other.</summary>
    private static StandardAddress PickKnown(IReadOnlyList<StandardAddress> all)
    {
        var names = all.Select(a => a.Address).ToHashSet();
        return all.First(a => a.Address.EndsWith("路12号", StringComparison.Ordinal) && names.Contains(a.Address[..^"12号".Length] + "2号"));
    }

    private static IReadOnlyList<StandardAddress> DemoAddresses()
    {
        var maps = JurisdictionMap.FindMapsDirectory();
        var parsed = AddressCsv.Parse(File.ReadAllText(Path.Combine(maps, AddressBook.DemoFileName)), JurisdictionMap.Load(maps));
        Assert.Empty(parsed.Errors);
        return parsed.Addresses;
    }

    private async Task<List<JsonElement>> Lookup(string query, int? limit = null, HttpClient? client = null)
    {
        var response = await (client ?? api).GetAsync($"/api/addresses?q={Uri.EscapeDataString(query)}{(limit is null ? "" : $"&limit={limit}")}");
        return await CommandApp.Read<List<JsonElement>>(response);
    }

    /// <summary>The street address as a call-taker types it: with spaces, full-width digits, or without city and township
    /// (the last form).</summary>
    private static IEnumerable<string> TypedForms(string address)
    {
        var tail = address[(address.IndexOf("街道", StringComparison.Ordinal) is var s and >= 0 ? s + 2 : address.IndexOf('镇') + 1)..];
        var number = NumberPattern().Match(address).Groups[1].Value;
        yield return address;
        yield return address.Replace(number + "号", $" {number} 号");
        yield return address.Replace(number + "号", string.Concat(number.Select(d => (char)(d - '0' + '０'))) + "号");
        var countyEnd = address.IndexOf('区') is var c and > 0 ? c + 1 : address.IndexOf('县') + 1;
        yield return address[..countyEnd].Replace("聊城市", "") + tail;
    }

    [GeneratedRegex(@"(\d+)号$")]
    private static partial Regex NumberPattern();

    [Fact]
    public async Task TheExactStreetAddressRanksFirstHoweverItIsTyped()
    {
        foreach (var typed in TypedForms(Known.Address))
        {
            var found = await Lookup(typed);

            Assert.True(found.Count > 0, $"Nothing found for {typed}");
            Assert.Equal(Known.Address, found[0].GetProperty("address").GetString());
            Assert.Equal(Known.Lon, found[0].GetProperty("lon").GetDouble(), 5);
            Assert.Equal(Known.Lat, found[0].GetProperty("lat").GetDouble(), 5);
            Assert.Equal(Known.JurisdictionId, found[0].GetProperty("jurisdictionId").GetString());
            Assert.EndsWith("网格", found[0].GetProperty("jurisdictionName").GetString());
            Assert.True(found[0].GetProperty("synthetic").GetBoolean());
        }
    }

    [Fact]
    public async Task AStreetAndNumberAloneFindTheAddressAmongThoseOfOtherTownships()
    {
        var street = Known.Address[(Known.Address.IndexOf("街道", StringComparison.Ordinal) is var s and >= 0 ? s + 2 : Known.Address.IndexOf('镇') + 1)..];

        var found = await Lookup(street, limit: 20);

        Assert.Contains(found, f => f.GetProperty("address").GetString() == Known.Address);
        Assert.All(found, f => Assert.EndsWith(street, f.GetProperty("address").GetString()));
    }

    [Fact]
    public async Task AStreetWithoutANumberOffersItsHousesInOrderOfLength()
    {
        var street = Known.Address[..^"12号".Length];

        var found = await Lookup(street, limit: 20);

        Assert.InRange(found.Count, 2, 20);
        Assert.All(found, f => Assert.StartsWith(street, f.GetProperty("address").GetString()));
        var lengths = found.Select(f => f.GetProperty("address").GetString()!.Length).ToList();
        Assert.Equal(lengths.Order(), lengths);
    }

    [Fact]
    public async Task AHouseNumberIsNotFoundInsideALongerNumber()
    {
        // County and street without the township: the parts are matched in order, and 2号 is not the end of 12号.
        var two = Known.Address[..^"12号".Length] + "2号";
        var typed = TypedForms(two).Last();

        var found = await Lookup(typed, limit: 50);

        Assert.Equal(two, found[0].GetProperty("address").GetString());
        Assert.DoesNotContain(found, f => f.GetProperty("address").GetString() == Known.Address);
    }

    [Theory]
    [InlineData("火星基地99号")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("！？。")]
    public async Task AnUnknownOrEmptyQueryGivesAnEmptyListNotAnError(string query)
    {
        Assert.Empty(await Lookup(query));
    }

    [Theory]
    [InlineData("q=long", "100 个字")]
    [InlineData("q=%01%02", "无法识别的字符")]
    [InlineData("q=花园&limit=0", "1 到 50")]
    [InlineData("q=花园&limit=51", "1 到 50")]
    public async Task LongOrOddInputIsRefusedInChinese(string query, string? says)
    {
        var path = "/api/addresses?" + (query == "q=long" ? "q=" + Uri.EscapeDataString(new string('路', 101)) : query);

        var problem = await CommandApp.Problem(await api.GetAsync(path), HttpStatusCode.UnprocessableEntity);

        var detail = problem.GetProperty("detail").GetString()!;
        AssertPlainChinese(detail);
        if (says is not null)
        {
            Assert.Contains(says, detail);
        }
    }

    [Fact]
    public async Task ABadFileIsRefusedLineByLineAndTheBaseInUseStays()
    {
        var csv = string.Join('\n',
            "address,lon,lat,jurisdictionId",
            "聊城市冠县清泉街1号,115.45,36.49,",
            "聊城市冠县清泉街2号,东经,36.49",
            "聊城市冠县清泉街3号,115.45",
            "聊城市冠县清泉街1号,115.46,36.49",
            "聊城市冠县清泉街4号,36.49,115.45",
            ",115.45,36.49",
            "聊城市冠县清泉街5号,121.47,31.23",
            "聊城市冠县清泉街6号,115.45,36.49,999999",
            "\"聊城市冠县清泉街7号,115.45,36.49");

        var response = await app.Api("admin").PostAsync("/api/addresses/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

        var problem = await CommandApp.Problem(response, HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10], errors.Select(e => e.GetProperty("line").GetInt32()));
        Assert.Contains("经度“东经”不是数字", errors[0].GetProperty("message").GetString());
        Assert.Contains("只有 2 列", errors[1].GetProperty("message").GetString());
        Assert.Contains("与第 2 行重复", errors[2].GetProperty("message").GetString());
        Assert.Contains("经度和纬度写反", errors[3].GetProperty("message").GetString());
        Assert.Contains("地址为空", errors[4].GetProperty("message").GetString());
        Assert.Contains("不在本市范围内", errors[5].GetProperty("message").GetString());
        Assert.Contains("辖区编码“999999”不存在", errors[6].GetProperty("message").GetString());
        Assert.Contains("引号", errors[7].GetProperty("message").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("第 3 行", detail);
        Assert.Contains("原有地址库照常使用", detail);
        Assert.Equal(Known.Address, (await Lookup(Known.Address))[0].GetProperty("address").GetString());
        Assert.Empty(await Lookup("清泉街1号"));
    }

    [Fact]
    public async Task AnAdministratorsGoodFileReplacesTheBase()
    {
        var admin = app.Api("admin");
        var csv = "\uFEFF地址,经度,纬度\n聊城市冠县清泉街 8 号,115.45,36.49\n\"聊城市冠县红旗路1号,商铺\",115.452,36.491\n";

        var response = await admin.PostAsync("/api/addresses/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

        var answer = await CommandApp.Read<JsonElement>(response);
        Assert.Equal(2, answer.GetProperty("imported").GetInt32());
        var found = await Lookup("清泉街8号");
        var only = Assert.Single(found);
        Assert.Equal("聊城市冠县清泉街 8 号", only.GetProperty("address").GetString());
        Assert.StartsWith("371525", only.GetProperty("jurisdictionId").GetString());
        Assert.False(only.GetProperty("synthetic").GetBoolean());
        Assert.Equal("聊城市冠县红旗路1号,商铺", Assert.Single(await Lookup("红旗路1号")).GetProperty("address").GetString());
        Assert.Empty(await Lookup(Known.Address));
    }

    [Fact]
    public async Task ADutyOfficerCannotReplaceTheBase()
    {
        var response = await api.PostAsync("/api/addresses/import", new StringContent("聊城市冠县清泉街8号,115.45,36.49", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(Known.Address, (await Lookup(Known.Address))[0].GetProperty("address").GetString());
    }

    /// <summary>What a duty officer reads: Chinese, no English word, no path.</summary>
    private static void AssertPlainChinese(string detail)
    {
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", detail);
        Assert.DoesNotMatch("[A-Za-z]", detail);
        Assert.DoesNotContain("/api", detail);
    }
}
