namespace Command.Silo.Access;

/// <summary>Sign-in refused for now because of recent failures; answered 429 with Retry-After.</summary>
public sealed class TooManyAttemptsException(int retryAfterSeconds)
    : Exception($"一分钟内从这台电脑或用这个用户名登录失败的次数太多，请{retryAfterSeconds}秒后再试。")
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
