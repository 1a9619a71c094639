namespace Command.Silo.Access;

/// <summary>A sign-in with a username longer than any account's; answered 400 before anything about it is kept.</summary>
public sealed class UsernameTooLongException()
    : BadHttpRequestException($"用户名超过{Usernames.MaxLength}个字符，没有这样的账号；请核对后重新输入。", StatusCodes.Status400BadRequest);
