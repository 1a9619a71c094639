using Orleans;

namespace Command.Abstractions.Access;

/// <summary>One user account, keyed by the lower-case username.</summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Refused with a conflict when the username is taken.</summary>
    Task<UserView> Create(UserProfile profile, string password, string actor);

    /// <summary>Null when no such user exists.</summary>
    Task<UserView?> Get();

    /// <summary>The user when the password is theirs and the account is enabled; null otherwise, without saying which.</summary>
    Task<UserView?> VerifyPassword(string password);

    /// <summary>Refused as invalid when <paramref name="password"/> is the one the user has now.</summary>
    Task<UserView> SetPassword(string password, string actor);

    /// <summary>Whether the account still has the published password of the demo accounts, disabled or not.</summary>
    Task<bool> HasDemoPassword();

    Task<UserView> SetDisabled(bool disabled, string actor);
}
