using System.Net;
using System.Text;
using Command.Abstractions.Access;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Silo.Hosting;
using Command.Tests.Support;

namespace Command.Tests.Api;

/// <summary>
/// Names, callsigns and labels are one line of text a person reads as written: a right-to-left override or a
/// zero-width character would make one callsign pass for another on the board. Each is refused with 422 naming the
/// field and the character, and nothing is kept.
/// </summary>
public sealed class TextFieldTests : IAsyncLifetime
{
    private const string Team = """{"callsign":"CALLSIGN","mode":"foot","leader":"LEADER","members":["队员甲",MEMBER],"equipment":["对讲机",EQUIPMENT],"jurisdictionId":"371525"}""";

    private readonly CommandApp app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("callsign", "冠县\\u202e组1车巡", "U+202E")]
    [InlineData("callsign", "冠县\\u2066车巡\\u2069", "U+2066")]
    [InlineData("callsign", "冠县车巡\\n9组", "U+000A")]
    [InlineData("leader", "王\\u200b队长", "U+200B")]
    [InlineData("members[1]", "\\ufeff李四", "U+FEFF")]
    [InlineData("equipment[1]", "执法\\u200d记录仪", "U+200D")]
    public async Task ATeamWhoseNamesHoldFormatCharactersIsNotCommissioned(string field, string value, string codePoint)
    {
        string body = Team
            .Replace("CALLSIGN", field == "callsign" ? value : "文字测试组")
            .Replace("LEADER", field == "leader" ? value : "王队长")
            .Replace("MEMBER", field == "members[1]" ? $"\"{value}\"" : "\"李四\"")
            .Replace("EQUIPMENT", field == "equipment[1]" ? $"\"{value}\"" : "\"急救包\"");
        var api = app.Api("gx.duty");

        await Refused(await api.PutAsync("/api/teams/text-test", Json(body)), field, codePoint);
        await CommandApp.Problem(await api.GetAsync("/api/teams/text-test"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ADisplayNameWithABidiOverrideOpensNoAccount()
    {
        var admin = app.Api("admin");

        await Refused(await admin.PostAsync("/api/users",
            Json("""{"username":"gx.spoof","displayName":"张\u202e伟","role":"dutyOfficer","jurisdictionId":"371525","password":"spoof-2026-x"}""")), "displayName", "U+202E");
        Assert.DoesNotContain(await CommandApp.Get<List<UserView>>(admin, "/api/users"), u => u.Username == "gx.spoof");
    }

    [Fact]
    public async Task ATerminalLabelWithAZeroWidthCharacterIssuesNoToken()
    {
        var admin = app.Api("admin");

        await Refused(await app.Api("gx.duty").PostAsync("/api/teams/team-371525-01/device-tokens", Json("""{"label":"车载\u200b终端"}""")), "label", "U+200B");
        Assert.Empty(await CommandApp.Get<List<Credential>>(admin, "/api/credentials?subject=device%3Ateam-371525-01"));
    }

    [Fact]
    public async Task FreeTextKeepsItsLineBreaksButNotABidiOverride()
    {
        var api = app.Api("gx.duty");

        await Refused(await api.PostAsync("/api/incidents",
            Json("""{"channel":110,"type":"publicOrder","lon":115.45,"lat":36.49,"description":"报警人称\u202e门号为12"}""")), "description", "U+202E");
        Assert.Empty(await CommandApp.Get<List<IncidentSummary>>(api, "/api/incidents"));

        var kept = await CommandApp.Read<IncidentDetail>(await api.PostAsync("/api/incidents",
            Json("""{"channel":110,"type":"publicOrder","lon":115.45,"lat":36.49,"description":"第一行\n第二行\t完"}""")), HttpStatusCode.Created);
        Assert.Equal("第一行\n第二行\t完", kept.Description);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task Refused(HttpResponseMessage response, string field, string codePoint)
    {
        var problem = await CommandApp.Problem(response, HttpStatusCode.UnprocessableEntity);
        string detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(Wording.Field(field), detail);
        ChineseRefusal.Check(detail, null, codePoint);
        Assert.Contains(codePoint, detail);
    }
}
