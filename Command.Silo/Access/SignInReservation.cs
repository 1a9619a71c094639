namespace Command.Silo.Access;

/// <summary>
/// One sign-in attempt let through by the <see cref="SignInThrottle"/>, already counted as a failure while its password
/// is checked. Exactly one of the three ends it.
/// </summary>
public sealed class SignInReservation(SignInThrottle throttle, string address, string username, DateTimeOffset at)
{
    private int ended;

    public string Address { get; } = address;

    public string Username { get; } = username;

    public DateTimeOffset At { get; } = at;

    /// <summary>The password was right: the attempt is given back.</summary>
    public void Succeeded()
    {
        if (Interlocked.Exchange(ref ended, 1) == 0)
        {
            throttle.Release(this);
        }
    }

    /// <summary>The password was wrong: the attempt stays counted, here and on the other silos.</summary>
    public void Failed()
    {
        if (Interlocked.Exchange(ref ended, 1) == 0)
        {
            throttle.Confirm(this);
        }
    }

    /// <summary>The check itself failed (the store was away): no answer was given, so nothing was learnt.</summary>
    public void Abandoned() => Succeeded();
}
