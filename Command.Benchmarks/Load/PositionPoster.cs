using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Command.Silo.Demo;

namespace Command.Benchmarks.Load;

/// <summary>
/// Posts team positions to <c>POST /api/teams/{id}/positions</c> as terminals do, over <see cref="Connections"/> keep-alive
/// connections with one bearer token each. Bodies are made once; a report alternates between two fixes a metre apart,
/// so each one is a move, never a repeat.
/// </summary>
public sealed class PositionPoster : IDisposable
{
    private static readonly MediaTypeHeaderValue json = new("application/json");
    private readonly HttpClient[] clients;
    private readonly byte[][][] bodies;
    private readonly string[] paths;
    private string? firstRefusal;

    private PositionPoster(HttpClient[] clients, IReadOnlyList<DemoTeam> teams)
    {
        this.clients = clients;
        bodies = [.. teams.Select(t => new[] { Body(t.Lon, t.Lat), Body(t.Lon + 0.00001, t.Lat) })];
        paths = [.. teams.Select(t => $"/api/teams/{t.Id}/positions")];
    }

    public int Connections => clients.Length;

    public int Teams => paths.Length;

    /// <summary>The first answer that was not 202, for the report.</summary>
    public string? FirstRefusal => firstRefusal;

    public static async Task<PositionPoster> CreateAsync(BenchSilo silo, IReadOnlyList<DemoTeam> teams, int connections, string label)
    {
        var clients = new HttpClient[connections];
        for (int c = 0; c < connections; c++)
        {
            clients[c] = silo.CreateClient(await silo.IssueTokenAsync($"{label} {c}"), 1);
        }
        return new PositionPoster(clients, teams);
    }

    /// <summary>The same client, the same connections, bodies and headers (the silo's tokens, unread there), pointed at
    /// another server: the bare Kestrel baseline.</summary>
    public PositionPoster To(Uri address) => new([.. clients.Select(c =>
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        return new HttpClient(handler) { BaseAddress = address, Timeout = c.Timeout, DefaultRequestHeaders = { Authorization = c.DefaultRequestHeaders.Authorization } };
    })], bodies, paths);

    private PositionPoster(HttpClient[] clients, byte[][][] bodies, string[] paths)
    {
        this.clients = clients;
        this.bodies = bodies;
        this.paths = paths;
    }

    /// <summary>Posts the <paramref name="n"/>-th report of team <paramref name="team"/> on connection
    /// <paramref name="connection"/>; true when it was accepted (202).</summary>
    public async Task<bool> PostAsync(int connection, int team, long n)
    {
        using var content = new ByteArrayContent(bodies[team][n & 1]);
        content.Headers.ContentType = json;
        using var answer = await clients[connection].PostAsync(paths[team], content);
        if (answer.StatusCode == HttpStatusCode.Accepted)
        {
            return true;
        }
        Interlocked.CompareExchange(ref firstRefusal, $"{(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}", null);
        return false;
    }

    private static byte[] Body(double lon, double lat) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"lon\":{lon},\"lat\":{lat}}}"));

    public void Dispose()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
