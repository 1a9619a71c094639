using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Command.Abstractions.Incidents;

namespace Command.Tests.Support;

/// <summary>GET /api/incidents answers a page at a time: these follow the Link header's rel="next" to the end.</summary>
public static partial class IncidentPages
{
    /// <summary>Every incident of the list at <paramref name="path"/>, newest first, page after page.</summary>
    public static async Task<List<IncidentSummary>> AllAsync(HttpClient api, string path = "/api/incidents")
    {
        var all = new List<IncidentSummary>();
        for (string? next = path; next is not null;)
        {
            var (page, link) = await PageAsync(api, next);
            all.AddRange(page);
            next = link;
        }
        return all;
    }

    /// <summary>One page and the address of the next, null on the last.</summary>
    public static async Task<(List<IncidentSummary> Page, string? Next)> PageAsync(HttpClient api, string path)
    {
        using var response = await api.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {body}");
        var page = JsonSerializer.Deserialize<List<IncidentSummary>>(body, CommandApp.Json)!;
        return (page, Next(response));
    }

    public static string? Next(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var links)
            ? links.SelectMany(l => l.Split(',')).Select(l => NextLink().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value
            : null;

    [GeneratedRegex(@"^\s*<([^>]*)>\s*;\s*rel=""?next""?\s*$")]
    private static partial Regex NextLink();
}
