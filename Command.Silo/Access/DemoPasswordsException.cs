namespace Command.Silo.Access;

/// <summary>A silo outside a development setting found accounts that still have the published demo password; it
/// does not serve, and the message tells the operator which accounts and how to fix it (Program.cs exits with 4).</summary>
public sealed class DemoPasswordsException(IReadOnlyList<string> accounts, string environment)
    : Exception(
        $"The silo does not serve in the {environment} environment while accounts still have the published demo password (see the README), "
        + $"which anyone can sign in with: {string.Join(", ", accounts)}.\n"
        + "To fix it, start the silo once on this data in a development setting (ASPNETCORE_ENVIRONMENT=Development, with --no-demo), sign in as an "
        + "administrator and, for each of these accounts, either disable it (POST /api/users/{username}/disable, or 停用 on /admin) or give it a new "
        + "password (POST /api/users/{username}/password, or 重置密码 on /admin; an administrator changes their own with POST /api/auth/password). "
        + "Then start it again here.")
{
    public IReadOnlyList<string> Accounts { get; } = accounts;
}
