using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Command.Tests.Security.HostileInput;

/// <summary>
/// One request of the corpus as written in corpus.json. <see cref="Body"/> is a string (sent as UTF-8) or a list of
/// parts: strings, {"repeat": text, "count": n} and {"hex": "c0af"} for bytes that are not UTF-8. Placeholders
/// {{name}} are filled in per run (ids made during setup, tokens, cookies); {{text}} is each of the corpus's hostile
/// texts in turn when <see cref="Each"/> names that list.
/// </summary>
public sealed record HostileCase
{
    public required string Id { get; init; }

    public required string Category { get; init; }

    /// <summary>Whose bearer token is sent: lc.duty, lc.leader, admin, device (a terminal of team-371525-01), expired, or anonymous.</summary>
    public string As { get; init; } = "lc.duty";

    public required string Method { get; init; }

    public required string Path { get; init; }

    public JsonElement? Body { get; init; }

    /// <summary>Defaults to application/json when there is a body; "none" sends no Content-Type header at all.</summary>
    public string? ContentType { get; init; }

    public string Framing { get; init; } = "content-length";

    public string Version { get; init; } = "HTTP/1.1";

    public Dictionary<string, string>? Headers { get; init; }

    public string? Each { get; init; }

    /// <summary>One status or a list of acceptable ones.</summary>
    public required JsonElement Expect { get; init; }

    /// <summary>False only where Kestrel itself refuses the request before the application sees it (a NUL in the path,
    /// a request line over 8 KB): that answer is Kestrel's own and carries no body.</summary>
    public bool Problem { get; init; } = true;

    /// <summary>For the few requests that are legitimately accepted: how to prove the stored value came back verbatim.</summary>
    public AcceptedCheck? Accepted { get; init; }

    public string? Why { get; init; }

    public IReadOnlyList<int> ExpectedStatuses =>
        Expect.ValueKind == JsonValueKind.Array ? [.. Expect.EnumerateArray().Select(e => e.GetInt32())] : [Expect.GetInt32()];
}

/// <summary>What a legitimately accepted request is checked against.</summary>
public sealed record AcceptedCheck
{
    /// <summary>incidents, teams or users: the new entry (named by the Location header) is left out of the before/after comparison.</summary>
    public string? Creates { get; init; }

    /// <summary>A GET whose answer must contain every <see cref="Verbatim"/> string as a JSON string value, unchanged.</summary>
    public string? Check { get; init; }

    public string? CheckAs { get; init; }

    public List<string> Verbatim { get; init; } = [];

    /// <summary>The exact answer body, for filters that must match nothing.</summary>
    public string? BodyEquals { get; init; }

    /// <summary>A password that was accepted must sign in exactly as given.</summary>
    public SignInCheck? SignIn { get; init; }
}

public sealed record SignInCheck(string Username, string Password);

public sealed record CorpusDocument(string? About, Dictionary<string, List<string>> Texts, List<HostileCase> Cases);

/// <summary>The corpus file, with each templated case expanded over its texts.</summary>
public static class HostileCorpus
{
    private static readonly JsonSerializerOptions options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Keeps &lt;, &gt; and quotes as they are, so a hostile text reaches the server as written, not as \u003C.</summary>
    private static readonly JsonSerializerOptions literal = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IReadOnlyList<HostileCase> Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Security", "HostileInput", "corpus.json");
        var document = JsonSerializer.Deserialize<CorpusDocument>(File.ReadAllText(path), options)
            ?? throw new InvalidDataException($"{path} is empty.");
        var cases = new List<HostileCase>();
        foreach (var entry in document.Cases)
        {
            if (entry.Each is null)
            {
                cases.Add(entry);
                continue;
            }
            var texts = document.Texts.GetValueOrDefault(entry.Each) ?? throw new InvalidDataException($"{entry.Id} names the unknown list {entry.Each}.");
            cases.AddRange(texts.Select((text, i) => entry with
            {
                Id = $"{entry.Id}#{i + 1}",
                Path = entry.Path.Replace("{{text}}", Uri.EscapeDataString(text), StringComparison.Ordinal),
                Body = entry.Body is { } body ? Substitute(body, "{{text}}", JsonSerializer.Serialize(text, literal)) : null,
                Each = null,
            }));
        }
        var duplicate = cases.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? cases : throw new InvalidDataException($"Two cases are called {duplicate.Key}.");
    }

    private static JsonElement Substitute(JsonElement body, string placeholder, string value) =>
        JsonSerializer.SerializeToElement(body.ValueKind == JsonValueKind.String
            ? body.GetString()!.Replace(placeholder, value, StringComparison.Ordinal)
            : (object)body.EnumerateArray().Select(part => part.ValueKind == JsonValueKind.String
                ? (object)part.GetString()!.Replace(placeholder, value, StringComparison.Ordinal)
                : part).ToList());

    /// <summary>The body's bytes after <paramref name="fill"/> has replaced the placeholders of its text parts.</summary>
    public static byte[]? BodyBytes(HostileCase entry, Func<string, string> fill)
    {
        if (entry.Body is not { } body)
        {
            return null;
        }
        if (body.ValueKind == JsonValueKind.String)
        {
            return Encoding.UTF8.GetBytes(fill(body.GetString()!));
        }
        using var bytes = new MemoryStream();
        foreach (var part in body.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.String)
            {
                bytes.Write(Encoding.UTF8.GetBytes(fill(part.GetString()!)));
            }
            else if (part.TryGetProperty("hex", out var hex))
            {
                bytes.Write(Convert.FromHexString(hex.GetString()!));
            }
            else
            {
                var unit = Encoding.UTF8.GetBytes(part.GetProperty("repeat").GetString()!);
                int count = part.GetProperty("count").GetInt32();
                for (int i = 0; i < count; i++)
                {
                    bytes.Write(unit);
                }
            }
        }
        return bytes.ToArray();
    }

    public static Framing ParseFraming(string framing) => framing switch
    {
        "content-length" => HostileInput.Framing.ContentLength,
        "chunked" => HostileInput.Framing.Chunked,
        "none" => HostileInput.Framing.None,
        "expect-continue" => HostileInput.Framing.ExpectContinue,
        _ => throw new InvalidDataException($"Unknown framing {framing}."),
    };

    public static string Describe(HostileCase entry) =>
        string.Create(CultureInfo.InvariantCulture, $"{entry.Id} [{entry.Category}] {entry.Method} {RawHttp.Shorten(entry.Path)} as {entry.As}");
}
