using Command.Abstractions.Access;
using Command.Abstractions.Runtime;

namespace Command.Silo.Access;

/// <summary>Checks a username and password for the login page and the token endpoint alike: throttled, audited,
/// and with one answer for a wrong password, an unknown user and a disabled account.</summary>
public sealed class SignInService(IGrainFactory grains, SignInThrottle throttle, AuditTrail audit)
{
    public const int MaxPassword = 128;

    public async Task<UserView?> VerifyAsync(HttpContext http, string? username, string? password)
    {
        string name = Usernames.Normalize(username);
        if (name.Length > Usernames.MaxLength)
        {
            // Refused before the throttle or anything else keeps it: a name this long is a probe, not a typing slip.
            audit.Write(AuditKinds.Refused, http, null, $"sign-in with a username of {name.Length} characters, refused unchecked");
            throw new UsernameTooLongException();
        }
        string address = AuditTrail.ClientAddress(http);
        if (throttle.TryReserve(address, name, out int wait) is not { } attempt)
        {
            audit.Write(AuditKinds.SignInThrottled, http, null, $"refused without checking; retry after {wait} s", Usernames.ForAudit(name));
            throw new TooManyAttemptsException(wait);
        }
        UserView? user = null;
        try
        {
            if (Usernames.IsValid(name) && password is { Length: > 0 and <= MaxPassword })
            {
                user = await grains.GetGrain<IUserGrain>(name).VerifyPassword(password);
            }
        }
        catch
        {
            attempt.Abandoned();
            throw;
        }
        if (user is null || user.Role == Role.Device)
        {
            attempt.Failed();
            audit.Write(AuditKinds.SignInFailed, http, null, "wrong username or password, or the account is disabled", Usernames.ForAudit(name));
            return null;
        }
        attempt.Succeeded();
        return user;
    }
}
