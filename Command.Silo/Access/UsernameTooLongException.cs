namespace Command.Silo.Access;

/// <summary>A sign-in with a username longer than any account's; answered 400 before anything about it is kept.</summary>
public sealed class UsernameTooLongException()
    : BadHttpRequestException($"username: is longer than {Usernames.MaxLength} characters, which no account is.", StatusCodes.Status400BadRequest);
