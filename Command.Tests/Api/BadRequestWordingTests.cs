using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Command.Tests.Support;

namespace Command.Tests.Api;

/// <summary>
/// A request that cannot be bound is answered 400 in the request's own terms, signed in or not: which field, what it
/// should have been, in Chinese. No .NET type, namespace or framework hint ("Did you mean to use a Service") reaches the client.
/// </summary>
public sealed partial class BadRequestWordingTests(BadRequestWordingTests.Host host) : IClassFixture<BadRequestWordingTests.Host>
{
    /// <summary>One host for every case: a request that cannot be bound changes nothing.</summary>
    public sealed class Host : IAsyncLifetime
    {
        public CommandApp App { get; } = new();

        public HttpClient Anonymous { get; private set; } = null!;

        public HttpClient Duty { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Anonymous = App.CreateClient();
            Duty = App.Api();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    [Theory]
    [InlineData(false, "POST", "/api/auth/token", "{\"username\":5,\"password\":\"x\"}", "用户名应填文字。")]
    [InlineData(false, "POST", "/api/auth/token", "[1]", "提交的内容应是一组数据。")]
    [InlineData(false, "POST", "/api/auth/token", "", "请求没有内容：请把要提交的内容一并提交。")]
    [InlineData(false, "POST", "/api/auth/token", null, "请求没有内容：请把要提交的内容一并提交。")]
    [InlineData(false, "POST", "/api/auth/token", "{\"username\":\"a\",", "提交的内容格式不对，无法读取（第1行第16个字节处）")]
    [InlineData(true, "POST", "/api/incidents", "{\"channel\":110,\"type\":\"fire\",\"lon\":\"east\",\"lat\":36.4}", "经度应填数字。")]
    [InlineData(true, "POST", "/api/incidents", "{\"channel\":110,\"type\":\"fire\",\"lon\":115.4,\"lat\":36.4,\"description\":{}}", "警情描述应填文字。")]
    [InlineData(true, "POST", "/api/incidents", "[1,2,3]", "提交的内容应是一组数据。")]
    [InlineData(true, "POST", "/api/incidents", null, "请求没有内容：请把要提交的内容一并提交。")]
    [InlineData(true, "POST", "/api/incidents", "not json", "提交的内容格式不对，无法读取")]
    [InlineData(true, "POST", "/api/incidents/nope/assignments", "{\"teamId\":[1]}", "警力应填文字。")]
    [InlineData(true, "POST", "/api/teams/team-371525-01/positions", "{\"lon\":115.4,\"lat\":36.4,\"at\":\"yesterday\"}", "定位时间应填带时区的日期和时间。")]
    [InlineData(true, "POST", "/api/teams/team-371525-01/positions", "{\"lon\":[115.4],\"lat\":36.4}", "经度应填数字。")]
    [InlineData(true, "GET", "/api/incidents?active=yes", null, "筛选条件应填是或否。")]
    [InlineData(true, "GET", "/api/jurisdictions/locate?lon=east&lat=36.4", null, "经度应填数字。")]
    [InlineData(true, "GET", "/api/incidents/nope/recommendations?limit=three", null, "条数应填整数。")]
    public async Task UnboundRequestsAreExplainedWithoutNamingDotNetTypes(bool signedIn, string method, string path, string? body, string expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        else if (method == "POST")
        {
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.ContentType = new("application/json");
        }

        var problem = await CommandApp.Problem(await (signedIn ? host.Duty : host.Anonymous).SendAsync(request), HttpStatusCode.BadRequest);

        string detail = problem.GetProperty("detail").GetString()!;
        Assert.StartsWith(expected, detail, StringComparison.Ordinal);
        Assert.DoesNotMatch(DotNetWords(), detail);
        ChineseRefusal.Check(detail);
    }

    /// <summary>Namespaces, generic type syntax, the request records' names, and the framework's advice to developers.</summary>
    [GeneratedRegex(@"\b(System|Microsoft|Command|Orleans)\.|Nullable|<|`|\w+Request\b|Service|parameter ""|Did you mean")]
    private static partial Regex DotNetWords();
}
