using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Command.Silo.Hosting.Logging;

/// <summary>
/// What every log message, value, scope and exception text goes through before any provider sees it: credentials are
/// replaced by [redacted], and control characters are escaped so that text from a request can never start a line of
/// its own. Log levels decide how much is written, never whether a secret is: raising a level must not leak.
/// </summary>
public static partial class LogScrubber
{
    public const string Redacted = "[redacted]";

    // Regexes run only on text that holds one of these words, so the common message costs one vectorised scan.
    private static readonly SearchValues<string> secretHints = SearchValues.Create(
        ["token", "bearer", "basic", "authorization", "cookie", "password", "passwd", "pwd", "secret", "command.session", "command.csrf", ".aspnetcore."],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Redacts credentials, then escapes control characters: the text as it may be logged.</summary>
    public static string Clean(string text) => Escape(Redact(text));

    /// <summary>Whether <see cref="Clean"/> would change the text.</summary>
    public static bool NeedsCleaning(string text) => HasControl(text) || !ReferenceEquals(Redact(text), text);

    public static string Redact(string text)
    {
        if (text.AsSpan().IndexOfAny(secretHints) < 0)
        {
            return text;
        }
        string redacted = SchemeToken().Replace(text, m => m.Groups[1].Value + " " + Redacted);
        redacted = HeaderValue().Replace(redacted, m => m.Groups[1].Value + m.Groups[2].Value + Redacted);
        redacted = NamedSecret().Replace(redacted, m => m.Groups[1].Value + m.Groups[2].Value + (m.Groups[3].Value.StartsWith('"') ? "\"" + Redacted + "\"" : Redacted));
        redacted = NamedCookie().Replace(redacted, m => m.Groups[1].Value + "=" + Redacted);
        return redacted == text ? text : redacted;
    }

    /// <summary>\r → \\r, \n → \\n, \t → \\t, every other control character (and the Unicode line and paragraph
    /// separators) → \\uXXXX.</summary>
    public static string Escape(string text)
    {
        if (!HasControl(text))
        {
            return text;
        }
        var escaped = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            switch (c)
            {
                case '\r':
                    escaped.Append("\\r");
                    break;
                case '\n':
                    escaped.Append("\\n");
                    break;
                case '\t':
                    escaped.Append("\\t");
                    break;
                default:
                    if (IsControl(c))
                    {
                        escaped.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        escaped.Append(c);
                    }
                    break;
            }
        }
        return escaped.ToString();
    }

    private static bool HasControl(string text)
    {
        foreach (char c in text)
        {
            if (IsControl(c))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsControl(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    /// <summary>"Bearer …" and "Basic …" wherever they are written; a credential is long, so "Bearer was not
    /// authenticated" stays readable.</summary>
    [GeneratedRegex(@"\b(bearer|basic)(?:\s+|%20|\+)[A-Za-z0-9\-._~+/]{20,}=*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SchemeToken();

    /// <summary>The value of an Authorization, Proxy-Authorization, Cookie or Set-Cookie header written as name: value or
    /// name=value, up to the end of the line or a quote.</summary>
    [GeneratedRegex(@"\b((?:proxy-)?authorization|set-cookie|cookie)([""']?\s*[:=]\s*[""']?)(?!\[redacted\])[^\r\n""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderValue();

    /// <summary>
    /// A value named as a password, a token or a secret, in any of the ways text names one: access_token=… in a query
    /// string (SignalR's WebSocket transport sends the bearer token so, since a browser cannot set headers on a
    /// WebSocket), also percent-encoded inside another URL; password=… in a form or a connection string; "password":
    /// "…" and "accessToken": "…" in JSON; accessToken = … as an object prints itself.
    /// </summary>
    [GeneratedRegex(@"\b([\w.-]*(?:password|passwd|pwd|token|secret))(""?\s*(?:=|:|%3[dD])\s*)(?!""?\[redacted\])(""(?:[^""\\]|\\.)*""|'[^']*'|[^&\s""',;}\]]+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamedSecret();

    /// <summary>The session and anti-forgery cookies by name, should a cookie string be logged without its header.</summary>
    [GeneratedRegex(@"(command\.session|command\.csrf|\.AspNetCore\.[\w.-]+)=(?!\[redacted\])[^;\s""',]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamedCookie();
}
