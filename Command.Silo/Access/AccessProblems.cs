namespace Command.Silo.Access;

/// <summary>Details for answers that carry no message of their own.</summary>
public static class AccessProblems
{
    public const string SignInRequired =
        "请先登录。Sign in first: a browser signs in at /login; a script or terminal sends Authorization: Bearer <token> (POST /api/auth/token).";

    public static string? DefaultDetail(int? status) => status switch
    {
        400 => "The request is malformed.",
        401 => SignInRequired,
        403 => "You may not do this.",
        404 => "There is nothing at this address.",
        405 => "This address does not take that method.",
        408 => "The request body did not arrive in time; send it whole and at once.",
        413 => "The request body is too large.",
        415 => "Send the body as application/json.",
        429 => "Too many requests; wait and try again.",
        _ => null,
    };
}
