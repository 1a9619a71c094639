using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Command.Silo.Demo;
using Command.Tests.Support;

namespace Command.Tests.Security.HostileInput;

/// <summary>
/// Plays corpus cases against one real silo and collects every way an answer falls short, instead of stopping at the
/// first, so one run shows the whole picture. Holds what the cases refer to: the credentials signed in once up front
/// (sign-in is rate limited), the incidents and the escalation made during setup, and what accepted cases created.
/// </summary>
public sealed partial class CorpusRun(SiloProcess silo)
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The lists the before/after comparison covers, each read as the user who sees all of it.</summary>
    private static readonly (string Name, string Path, string As)[] Collections =
    [
        ("incidents", "/api/incidents", "lc.duty"),
        ("teams", "/api/teams", "lc.duty"),
        ("escalations", "/api/escalations", "lc.duty"),
        ("users", "/api/users", "admin"),
    ];

    private readonly RawHttp raw = new(silo.Port);
    private readonly Dictionary<string, string> tokens = [];
    private readonly Dictionary<string, string> values = [];
    private readonly Dictionary<string, string> created = [];
    private readonly Dictionary<string, HashSet<string>> excluded = Collections.ToDictionary(c => c.Name, _ => new HashSet<string>());

    public List<string> Failures { get; } = [];

    public Dictionary<string, int> Played { get; } = [];

    public void UseToken(string who, string token) => tokens[who] = token;

    public void Set(string name, string value) => values[name] = value;

    /// <summary>Signs the demo users in once, makes the things the cases aim at, and prepares the stale credentials.</summary>
    public async Task PrepareAsync()
    {
        foreach (string user in new[] { "lc.duty", "lc.leader", "admin", "gx.duty" })
        {
            tokens[user] = (await SignInAsync(user)).AccessToken;
        }
        string token = tokens["lc.duty"];
        Set("token", token);
        Set("tokenFlipped", token[..40] + (token[40] == 'A' ? 'B' : 'A') + token[41..]);
        Set("tokenTruncated", token[..^12]);
        Set("basicLcDuty", Convert.ToBase64String(Encoding.UTF8.GetBytes($"lc.duty:{DemoUsers.Password}")));

        // A token used again after its owner signed out with it.
        string replayed = (await SignInAsync("lc.duty")).AccessToken;
        await ExpectAsync(HttpStatusCode.OK, await SendAsync(HttpMethod.Post, "/api/auth/signout", replayed), "signing out the token to replay");
        Set("signedOutToken", replayed);

        var terminal = await ReadAsync<JsonElement>(await SendAsync(HttpMethod.Post, "/api/teams/team-371525-01/device-tokens", token, new { label = "hostile corpus terminal" }),
            HttpStatusCode.Created, "issuing a terminal token");
        tokens["device"] = terminal.GetProperty("accessToken").GetString()!;

        Set("incident", await CreateIncidentAsync("测试地址：靶标警情"));
        string closed = await CreateIncidentAsync("测试地址：已办结警情");
        await ExpectAsync(HttpStatusCode.OK, await SendAsync(HttpMethod.Post, $"/api/incidents/{closed}/close", token, new { resolution = "已处置完毕" }), "closing the setup incident");
        Set("closed", closed);
        string escalated = await CreateIncidentAsync("测试地址：已督办警情");
        await ExpectAsync(HttpStatusCode.OK, await SendAsync(HttpMethod.Post, $"/api/incidents/{escalated}/severity", token, new { severity = 3, reason = "现场升级" }),
            "upgrading the setup incident");
        var escalations = await ReadAsync<JsonElement>(await SendAsync(HttpMethod.Get, "/api/escalations", token), HttpStatusCode.OK, "listing escalations");
        string escalation = escalations.EnumerateArray().Single(e => e.GetProperty("incidentId").GetString() == escalated).GetProperty("id").GetString()!;
        // Acknowledged, so that it does not climb (and change) while the corpus runs.
        await ExpectAsync(HttpStatusCode.OK, await SendAsync(HttpMethod.Post, $"/api/escalations/{escalation}/ack", tokens["lc.leader"]), "acknowledging the setup escalation");
        Set("escalation", escalation);
        // The silo runs on the real clock: a deadline three days from now is one it accepts.
        var followUp = await ReadAsync<JsonElement>(await SendAsync(HttpMethod.Post, $"/api/incidents/{values["incident"]}/follow-ups", token,
            new { task = "回访报警人", owner = "gx.leader", dueAt = DateTimeOffset.UtcNow.AddDays(3) }), HttpStatusCode.Created, "opening the setup follow-up item");
        Set("followUp", followUp.GetProperty("id").GetString()!);
        var dispute = await ReadAsync<JsonElement>(await SendAsync(HttpMethod.Post, $"/api/incidents/{values["incident"]}/disputes", token,
            new { parties = new[] { new { name = "张三", role = "applicant" } }, cause = "neighbour", level = "ordinary" }), HttpStatusCode.Created, "registering the setup dispute");
        Set("dispute", dispute.GetProperty("id").GetString()!);

        var session = await SignInWithFormAsync("lc.duty");
        Set("session", session.Session);
        Set("csrfCookie", session.CsrfCookie);
        Set("csrf", session.CsrfToken);
        var ended = await SignInWithFormAsync("lc.duty");
        using (var signOut = new HttpRequestMessage(HttpMethod.Post, "/api/auth/signout"))
        {
            signOut.Headers.Add("Cookie", $"command.session={ended.Session}; command.csrf={ended.CsrfCookie}");
            signOut.Headers.Add("X-CSRF-TOKEN", ended.CsrfToken);
            await ExpectAsync(HttpStatusCode.OK, await silo.Http.SendAsync(signOut), "signing out the browser session to replay");
        }
        Set("signedOutSession", ended.Session);
        Set("signedOutCsrfCookie", ended.CsrfCookie);
        Set("signedOutCsrf", ended.CsrfToken);
    }

    public async Task PlayAsync(HostileCase entry)
    {
        Played[entry.Category] = Played.GetValueOrDefault(entry.Category) + 1;
        string what = HostileCorpus.Describe(entry);
        RawResponse response;
        try
        {
            response = await raw.SendAsync(Request(entry), RequestTimeout);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidDataException or IOException or System.Net.Sockets.SocketException)
        {
            Failures.Add($"{what}: {ex.GetType().Name}: {ex.Message}");
            return;
        }
        var expected = entry.ExpectedStatuses;
        if (!expected.Contains(response.Status))
        {
            Failures.Add($"{what}: answered {response.Status}, expected {string.Join(" or ", expected)}: {RawHttp.Shorten(response.Text)}");
            return;
        }
        if (entry.Accepted is { } accepted)
        {
            await VerifyAcceptedAsync(entry, accepted, response, what);
            return;
        }
        if (response.Status is < 400 or >= 500)
        {
            Failures.Add($"{what}: the corpus expects {response.Status}, but a refused request must be 4xx.");
            return;
        }
        if (entry.Problem && ProblemShortfall(response) is { } shortfall)
        {
            Failures.Add($"{what}: {shortfall}");
        }
    }

    /// <summary>Sign-in is limited per client address; failed attempts past the limit are answered 429 as problem+json.</summary>
    public async Task SignInFloodIsThrottledAsync()
    {
        Played["rate-limit"] = Played.GetValueOrDefault("rate-limit") + 1;
        for (int attempt = 1; attempt <= 40; attempt++)
        {
            var response = await raw.SendAsync(new RawRequest("POST", "/api/auth/token", [new("Content-Type", "application/json")],
                Encoding.UTF8.GetBytes($"{{\"username\":\"lc.leader\",\"password\":\"wrong-password-{attempt}\"}}")), RequestTimeout);
            if (response.Status == 429)
            {
                if (ProblemShortfall(response) is { } shortfall)
                {
                    Failures.Add($"rate-limit: the 429 after {attempt} attempts: {shortfall}");
                }
                if (response.Header("Retry-After") is not { Length: > 0 })
                {
                    Failures.Add("rate-limit: the 429 does not say when to retry (no Retry-After).");
                }
                return;
            }
            if (response.Status != 401)
            {
                Failures.Add($"rate-limit: a wrong password answered {response.Status}: {RawHttp.Shorten(response.Text)}");
                return;
            }
        }
        Failures.Add("rate-limit: 40 failed sign-ins in a row were never answered 429.");
    }

    /// <summary>The lists the corpus must not change, keyed by id (username for users).</summary>
    public async Task<Dictionary<string, Dictionary<string, JsonNode>>> SnapshotAsync()
    {
        var snapshot = new Dictionary<string, Dictionary<string, JsonNode>>();
        foreach (var (name, path, who) in Collections)
        {
            var list = await ReadAsync<JsonArray>(await SendAsync(HttpMethod.Get, path, tokens[who]), HttpStatusCode.OK, $"reading {path}");
            snapshot[name] = list.OfType<JsonNode>().ToDictionary(n => (n["id"] ?? n["username"])!.GetValue<string>());
        }
        return snapshot;
    }

    /// <summary>Everything the same after the corpus, except what the accepted cases created.</summary>
    public void CompareState(Dictionary<string, Dictionary<string, JsonNode>> before, Dictionary<string, Dictionary<string, JsonNode>> after)
    {
        foreach (var (name, _, _) in Collections)
        {
            var was = before[name];
            var now = after[name].Where(e => !excluded[name].Contains(e.Key)).ToDictionary();
            foreach (string id in excluded[name].Where(id => !after[name].ContainsKey(id)))
            {
                Failures.Add($"state: {name} {id}, created by an accepted case, is missing afterwards.");
            }
            foreach (var (id, node) in was)
            {
                if (!now.TryGetValue(id, out var later))
                {
                    Failures.Add($"state: {name} {id} disappeared.");
                }
                else if (!JsonNode.DeepEquals(node, later))
                {
                    Failures.Add($"state: {name} {id} changed from {RawHttp.Shorten(node.ToJsonString())} to {RawHttp.Shorten(later.ToJsonString())}.");
                }
            }
            foreach (string id in now.Keys.Where(id => !was.ContainsKey(id)))
            {
                Failures.Add($"state: {name} {id} appeared: {RawHttp.Shorten(now[id].ToJsonString())}");
            }
        }
    }

    /// <summary>The server still serves, its process lives, and it logged no failure: a refused request is not an error.</summary>
    public async Task CheckServerIsWellAsync()
    {
        var health = await silo.Http.GetAsync("/healthz");
        if (health.StatusCode != HttpStatusCode.OK)
        {
            Failures.Add($"health: /healthz answered {(int)health.StatusCode} after the corpus.");
        }
        if (silo.HasExited)
        {
            Failures.Add("health: the silo process has exited.");
        }
        foreach (string line in silo.Output.Split('\n').Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)
                     || l.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase) || l.Contains("An unhandled exception", StringComparison.Ordinal)))
        {
            int at = silo.Output.IndexOf(line, StringComparison.Ordinal);
            Failures.Add($"log: {RawHttp.Shorten(silo.Output.Substring(at, Math.Min(600, silo.Output.Length - at)))}");
        }
    }

    private RawRequest Request(HostileCase entry)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (entry.As != "anonymous")
        {
            string token = tokens.TryGetValue(entry.As, out var t) ? t : throw new InvalidDataException($"{entry.Id}: nobody called {entry.As} is signed in.");
            headers.Add(new("Authorization", $"Bearer {token}"));
        }
        var body = HostileCorpus.BodyBytes(entry, Fill);
        if (entry.ContentType is not "none" && (entry.ContentType is not null || body is not null))
        {
            headers.Add(new("Content-Type", entry.ContentType ?? "application/json"));
        }
        foreach (var (name, value) in entry.Headers ?? [])
        {
            headers.Add(new(name, Fill(value)));
        }
        return new RawRequest(entry.Method, Fill(entry.Path), headers, body, HostileCorpus.ParseFraming(entry.Framing), entry.Version);
    }

    private string Fill(string text) => Placeholder().Replace(text, match =>
    {
        string name = match.Groups["name"].Value;
        if (name == "repeat" && match.Groups["arg"].Value.Split(':', 2) is [var count, var unit])
        {
            // {{repeat:4000:a}}: long values without a long corpus file.
            return string.Concat(Enumerable.Repeat(unit, int.Parse(count, CultureInfo.InvariantCulture)));
        }
        if (match.Groups["arg"].Success)
        {
            return name == "created" && created.TryGetValue(match.Groups["arg"].Value, out var id) ? id
                : throw new InvalidDataException($"{match.Value}: no earlier accepted case created that.");
        }
        return values.TryGetValue(name, out var value) ? value : throw new InvalidDataException($"The placeholder {match.Value} has no value in this run.");
    });

    [GeneratedRegex(@"\{\{(?<name>[A-Za-z]+)(?::(?<arg>[^}]+))?\}\}")]
    private static partial Regex Placeholder();

    /// <summary>What is missing from an error answer: problem+json, a detail, and the same status inside as outside.</summary>
    private static string? ProblemShortfall(RawResponse response)
    {
        string? type = response.Header("Content-Type");
        if (type is null || !type.Split(';')[0].Trim().Equals("application/problem+json", StringComparison.OrdinalIgnoreCase))
        {
            return $"answered {response.Status} with Content-Type {type ?? "(none)"}, not application/problem+json: {RawHttp.Shorten(response.Text)}";
        }
        try
        {
            var problem = JsonDocument.Parse(response.Body).RootElement;
            if (!problem.TryGetProperty("detail", out var detail) || detail.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(detail.GetString()))
            {
                return $"the problem has no detail: {RawHttp.Shorten(response.Text)}";
            }
            if (!problem.TryGetProperty("status", out var status) || status.GetInt32() != response.Status)
            {
                return $"the problem's status differs from the answer's {response.Status}: {RawHttp.Shorten(response.Text)}";
            }
        }
        catch (JsonException ex)
        {
            return $"the problem is not JSON ({ex.Message}): {RawHttp.Shorten(response.Text)}";
        }
        return null;
    }

    private async Task VerifyAcceptedAsync(HostileCase entry, AcceptedCheck accepted, RawResponse response, string what)
    {
        string? location = response.Header("Location");
        if (accepted.Creates is { } collection)
        {
            if (location is null)
            {
                Failures.Add($"{what}: created something but gave no Location.");
                return;
            }
            string id = Uri.UnescapeDataString(location.TrimEnd('/').Split('/')[^1]);
            created[entry.Id] = id;
            if (excluded.TryGetValue(collection, out var set))
            {
                set.Add(id);
            }
        }
        if (accepted.BodyEquals is { } exact && response.Text.Trim() != exact)
        {
            Failures.Add($"{what}: answered {RawHttp.Shorten(response.Text)}, expected exactly {exact}.");
        }
        if (accepted.Check is { } check)
        {
            string path = Fill(check.Replace("{{location}}", location ?? "", StringComparison.Ordinal));
            var answer = await SendAsync(HttpMethod.Get, path, tokens[accepted.CheckAs ?? entry.As]);
            string text = await answer.Content.ReadAsStringAsync();
            if (answer.StatusCode != HttpStatusCode.OK)
            {
                Failures.Add($"{what}: reading back {path} answered {(int)answer.StatusCode}: {RawHttp.Shorten(text)}");
                return;
            }
            var strings = Strings(JsonNode.Parse(text)).ToHashSet(StringComparer.Ordinal);
            foreach (string expected in accepted.Verbatim.Where(v => !strings.Contains(v)))
            {
                Failures.Add($"{what}: {path} does not hold {JsonSerializer.Serialize(expected)} verbatim: {RawHttp.Shorten(text)}");
            }
        }
        if (accepted.SignIn is { } signIn)
        {
            var answer = await silo.Http.PostAsJsonAsync("/api/auth/token", new { username = signIn.Username, password = signIn.Password });
            if (answer.StatusCode != HttpStatusCode.OK)
            {
                Failures.Add($"{what}: signing in as {signIn.Username} with the password as given answered {(int)answer.StatusCode}.");
            }
        }
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        _ => [],
    };

    private async Task<string> CreateIncidentAsync(string address)
    {
        var incident = await ReadAsync<JsonElement>(await SendAsync(HttpMethod.Post, "/api/incidents", tokens["lc.duty"],
            new { channel = 110, type = "publicOrder", lon = 115.45, lat = 36.49, address }), HttpStatusCode.Created, "creating a setup incident");
        return incident.GetProperty("id").GetString()!;
    }

    public async Task<(string AccessToken, DateTimeOffset ExpiresAt)> SignInAsync(string username)
    {
        var answer = await ReadAsync<JsonElement>(await silo.Http.PostAsJsonAsync("/api/auth/token", new { username, password = DemoUsers.Password }),
            HttpStatusCode.OK, $"signing in as {username}");
        return (answer.GetProperty("accessToken").GetString()!, answer.GetProperty("expiresAt").GetDateTimeOffset());
    }

    /// <summary>A browser's sign-in through the login form: the session cookie, the anti-forgery cookie and the token
    /// the page sends back as X-CSRF-TOKEN.</summary>
    private async Task<(string Session, string CsrfCookie, string CsrfToken)> SignInWithFormAsync(string username)
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = silo.BaseAddress };
        string form = await (await browser.GetAsync("/login")).Content.ReadAsStringAsync();
        string formToken = FormToken().Match(form) is { Success: true } m ? m.Groups[1].Value : throw new InvalidDataException("The login form carries no anti-forgery token.");
        var posted = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = username, ["password"] = DemoUsers.Password, ["returnUrl"] = "/", ["__RequestVerificationToken"] = formToken,
        }));
        await ExpectAsync(HttpStatusCode.Redirect, posted, $"signing in as {username} through the login form");
        var me = await ReadAsync<JsonElement>(await browser.GetAsync("/api/auth/me"), HttpStatusCode.OK, "reading /api/auth/me with the session");
        var jar = cookies.GetCookies(silo.BaseAddress);
        return (jar["command.session"]?.Value ?? throw new InvalidDataException("No session cookie after signing in."),
            jar["command.csrf"]?.Value ?? throw new InvalidDataException("No anti-forgery cookie after signing in."),
            me.GetProperty("antiforgeryToken").GetString()!);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await silo.Http.SendAsync(request);
    }

    private static async Task ExpectAsync(HttpStatusCode expected, HttpResponseMessage response, string doing)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"Setup failed {doing}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected, string doing)
    {
        await ExpectAsync(expected, response, doing);
        return JsonSerializer.Deserialize<T>(await response.Content.ReadAsStringAsync(), CommandApp.Json)!;
    }
}
