namespace Command.Abstractions.Access;

/// <summary>The kinds of audit entries.</summary>
public static class AuditKinds
{
    public const string SignIn = "signIn";
    public const string SignInFailed = "signInFailed";
    public const string SignInThrottled = "signInThrottled";
    public const string SignOut = "signOut";
    public const string Refused = "refused";
    public const string TokenIssued = "tokenIssued";
    public const string TokenUsed = "tokenUsed";
    public const string TokenRefused = "tokenRefused";
    public const string TokenRevoked = "tokenRevoked";
    public const string UserChanged = "userChanged";
}
