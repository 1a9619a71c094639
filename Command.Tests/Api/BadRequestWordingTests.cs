using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Command.Tests.Support;

namespace Command.Tests.Api;

/// <summary>
/// A request that cannot be bound is answered 400 in the request's own terms, signed in or not: which field, what it
/// should have been. No .NET type, namespace or framework hint ("Did you mean to use a Service") reaches the client.
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
    [InlineData(false, "POST", "/api/auth/token", "{\"username\":5,\"password\":\"x\"}", "username: expected a string.")]
    [InlineData(false, "POST", "/api/auth/token", "[1]", "The body must be a JSON object.")]
    [InlineData(false, "POST", "/api/auth/token", "", "The request has no body; send a JSON object as JSON")]
    [InlineData(false, "POST", "/api/auth/token", null, "The request has no body; send a JSON object as JSON")]
    [InlineData(false, "POST", "/api/auth/token", "{\"username\":\"a\",", "The body is not valid JSON: Expected start of a property name or value, but instead reached end of data. (line 1, byte 16)")]
    [InlineData(true, "POST", "/api/incidents", "{\"channel\":110,\"type\":\"fire\",\"lon\":\"east\",\"lat\":36.4}", "lon: expected a number.")]
    [InlineData(true, "POST", "/api/incidents", "{\"channel\":110,\"type\":\"fire\",\"lon\":115.4,\"lat\":36.4,\"description\":{}}", "description: expected a string.")]
    [InlineData(true, "POST", "/api/incidents", "[1,2,3]", "The body must be a JSON object.")]
    [InlineData(true, "POST", "/api/incidents", null, "The request has no body; send a JSON object as JSON")]
    [InlineData(true, "POST", "/api/incidents", "not json", "The body is not valid JSON: 'not json' is an invalid JSON literal.")]
    [InlineData(true, "POST", "/api/incidents/nope/assignments", "{\"teamId\":[1]}", "teamId: expected a string.")]
    [InlineData(true, "POST", "/api/teams/team-371525-01/positions", "{\"lon\":115.4,\"lat\":36.4,\"at\":\"yesterday\"}", "at: expected a date and time such as 2026-03-01T08:30:00+08:00.")]
    [InlineData(true, "POST", "/api/teams/team-371525-01/positions", "{\"lon\":[115.4],\"lat\":36.4}", "lon: expected a number.")]
    [InlineData(true, "GET", "/api/incidents?active=yes", null, "active: expected true or false, not 'yes'.")]
    [InlineData(true, "GET", "/api/jurisdictions/locate?lon=east&lat=36.4", null, "lon: expected a number, not 'east'.")]
    [InlineData(true, "GET", "/api/incidents/nope/recommendations?limit=three", null, "limit: expected a whole number, not 'three'.")]
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
    }

    /// <summary>Namespaces, generic type syntax, the request records' names, and the framework's advice to developers.</summary>
    [GeneratedRegex(@"\b(System|Microsoft|Command|Orleans)\.|Nullable|<|`|\w+Request\b|Service|parameter ""|Did you mean")]
    private static partial Regex DotNetWords();
}
