namespace Command.Silo.Hosting;

/// <summary>
/// Who is acting, for the timeline. Until sign-in exists the caller names itself in the X-Actor header
/// (percent-encoded UTF-8, e.g. "值班员:王磊"); without it the actor is "api". Control characters and overlong names are refused.
/// </summary>
public static class Actor
{
    public const string Header = "X-Actor";

    public static string From(HttpContext context)
    {
        string? value = context.Request.Headers[Header];
        if (string.IsNullOrWhiteSpace(value))
        {
            return "api";
        }
        value = Uri.UnescapeDataString(value.Trim());
        return value.Length > 64 || value.Any(char.IsControl)
            ? throw Abstractions.Runtime.CommandRejectedException.Invalid($"{Header} must be at most 64 printable characters.")
            : value;
    }
}
