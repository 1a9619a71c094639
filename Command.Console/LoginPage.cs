using System.Net;

namespace Command.Console;

/// <summary>The sign-in page, from templates/login.html. A plain form: it works without script, under a policy that
/// forbids inline script, and carries the anti-forgery token the POST must return.</summary>
public static class LoginPage
{
    private static readonly Lazy<string> template = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "console-templates", "login.html")));

    public static string Render(string antiforgeryToken, string returnUrl, string? username = null, string? error = null, string? info = null)
    {
        string message = error is not null ? $"<p class=\"login-message error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>"
            : info is not null ? $"<p class=\"login-message info\" role=\"status\">{WebUtility.HtmlEncode(info)}</p>"
            : "";
        return template.Value
            .Replace("{{message}}", message)
            .Replace("{{antiforgery}}", WebUtility.HtmlEncode(antiforgeryToken))
            .Replace("{{returnUrl}}", WebUtility.HtmlEncode(LocalUrl(returnUrl)))
            .Replace("{{username}}", WebUtility.HtmlEncode(username ?? ""));
    }

    /// <summary>Only a path on this site is followed after sign-in; anything else (another site, //host, \\host) goes home.</summary>
    public static string LocalUrl(string? url) =>
        url is { Length: > 0 and <= 512 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl) ? url : "/";
}
