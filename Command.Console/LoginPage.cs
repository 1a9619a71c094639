using System.Buffers;
using System.Net;
using System.Text;

namespace Command.Console;

/// <summary>The sign-in page, from templates/login.html. A plain form: it works without script, under a policy that
/// forbids inline script, and carries the anti-forgery token the POST must return.</summary>
public static class LoginPage
{
    private static readonly Lazy<string> template = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "console-templates", "login.html")));

    public static string Render(string antiforgeryToken, string returnUrl, string? username = null, string? error = null, string? info = null, string? notice = null)
    {
        string message = error is not null ? $"<p class=\"login-message error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>"
            : info is not null ? $"<p class=\"login-message info\" role=\"status\">{WebUtility.HtmlEncode(info)}</p>"
            : "";
        return template.Value
            .Replace("{{notice}}", notice is null ? "" : $"<p class=\"login-notice\" id=\"login-notice\" role=\"note\">{WebUtility.HtmlEncode(notice)}</p>")
            .Replace("{{message}}", message)
            .Replace("{{antiforgery}}", WebUtility.HtmlEncode(antiforgeryToken))
            .Replace("{{returnUrl}}", WebUtility.HtmlEncode(LocalUrl(returnUrl)))
            .Replace("{{username}}", WebUtility.HtmlEncode(username ?? ""));
    }

    /// <summary>
    /// Only a path on this site is followed after sign-in; anything else (another site, //host, \\host) goes home. The
    /// answer goes into a Location header, which carries ASCII only, so anything else (/冠县) is percent-encoded as UTF-8,
    /// as a browser would; text that is not even valid UTF-16 goes home too. What it returns, it returns unchanged.
    /// </summary>
    public static string LocalUrl(string? url)
    {
        const int max = 2048;
        if (url is not { Length: > 0 and <= max } || url[0] != '/' || (url.Length > 1 && url[1] is '/' or '\\') || url.Any(char.IsControl))
        {
            return "/";
        }
        if (url.All(c => c is > ' ' and < '\x7f'))
        {
            return url;
        }
        var encoded = new StringBuilder(url.Length * 3);
        Span<byte> utf8 = stackalloc byte[4];
        var rest = url.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out int consumed) != OperationStatus.Done)
            {
                return "/";
            }
            if (rune.Value is > ' ' and < 0x7f)
            {
                encoded.Append((char)rune.Value);
            }
            else
            {
                foreach (byte b in utf8[..rune.EncodeToUtf8(utf8)])
                {
                    encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            rest = rest[consumed..];
        }
        return encoded.Length <= max ? encoded.ToString() : "/";
    }
}
