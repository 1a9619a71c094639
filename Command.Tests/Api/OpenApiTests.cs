using System.Text.Json;
using Command.Tests.Support;

namespace Command.Tests.Api;

public sealed class OpenApiTests
{
    [Fact]
    public async Task OpenApiDocumentDescribesTheContractsEndpoints()
    {
        await using var app = new CommandApp();
        var document = await CommandApp.Get<JsonElement>(app.Api(), "/openapi/v1.json");
        var paths = document.GetProperty("paths");

        foreach (var (path, method) in new[]
        {
            ("/healthz", "get"), ("/api/jurisdictions", "get"), ("/api/jurisdictions/{id}", "get"), ("/api/jurisdictions/locate", "get"),
            ("/api/teams", "get"), ("/api/teams/{id}/positions", "post"), ("/api/teams/{id}/status", "post"),
            ("/api/incidents", "post"), ("/api/incidents", "get"), ("/api/incidents/{id}", "get"),
            ("/api/incidents/{id}/recommendations", "get"), ("/api/incidents/{id}/assignments", "post"),
            ("/api/incidents/{id}/close", "post"), ("/api/incidents/{id}/timeline", "get"),
        })
        {
            Assert.True(paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out _), $"{method.ToUpperInvariant()} {path} is not in the OpenAPI document");
        }
    }
}
