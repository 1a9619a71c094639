using Command.Abstractions.Runtime;
using Command.Silo.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace Command.Silo.Hosting;

/// <summary>
/// Turns every failure into RFC 9457 problem+json. Bad input is the client's fault and gets a 4xx that says what was
/// wrong; only a real fault of ours is a 500, and its detail never leaks internals.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, TitleFor(bad.StatusCode), Describe(bad, context)),
            CommandRejectedException { Kind: RejectionKind.NotFound } r => (404, "Not found", r.Message),
            CommandRejectedException { Kind: RejectionKind.Conflict } r => (409, "Conflict", r.Message),
            CommandRejectedException { Kind: RejectionKind.Forbidden } r => (403, "Forbidden", r.Message),
            Access.TooManyAttemptsException t => (429, "Too many attempts", t.Message),
            CommandRejectedException r => (422, "Invalid", r.Message),
            JournalConflictException c => (409, "Concurrent change", c.Message + " Reload and try again."),
            StorageUnavailableException s => (503, "Storage unavailable", s.Message),
            // The grain's silo died and the cluster has not yet declared it dead (a few seconds): a retry reaches its new home.
            // Or this silo was itself declared dead (frozen past its detection) and refuses to host grains: a proxy moves on.
            Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException or TimeoutException =>
                (503, "Cluster changing", "The server holding this case or team stopped answering; the cluster is moving it to another server. Try again in a few seconds."),
            Orleans.Runtime.OrleansException o => (503, "Cluster changing", $"The cluster could not serve this call now ({o.Message}). Try again in a few seconds."),
            _ => (500, "Internal error", "The server failed to handle this request; it was logged. Nothing was changed by it unless a 2xx was returned."),
        };
        if (exception is Access.TooManyAttemptsException tooMany)
        {
            context.Response.Headers.RetryAfter = tooMany.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (status == 503)
        {
            context.Response.Headers.RetryAfter = "2";
        }
        if (status == 404 && exception.Data.Contains(Access.AccessScope.HiddenMarker))
        {
            context.RequestServices.GetRequiredService<Access.AuditTrail>().Write(Abstractions.Access.AuditKinds.Refused, context,
                Access.Caller.TryFrom(context.User), "outside the caller's jurisdiction (answered 404)");
        }
        if (status == 403)
        {
            // Refusals of the jurisdiction scope: the role was allowed, the thing touched was not.
            context.RequestServices.GetRequiredService<Access.AuditTrail>().Write(Abstractions.Access.AuditKinds.Refused, context,
                Access.Caller.TryFrom(context.User), exception.Message);
        }
        if (status == 503)
        {
            // Expected while a store is away or the cluster replaces a silo: one line, not a stack.
            logger.LogWarning("Request {Method} {Path} answered 503: {Reason}", context.Request.Method, context.Request.Path, exception.Message);
        }
        else if (status >= 500)
        {
            logger.LogError(exception, "Request {Method} {Path} failed", context.Request.Method, context.Request.Path);
        }
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private static string Describe(BadHttpRequestException bad, HttpContext context) =>
        bad.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? bad.Message.StartsWith("The body is", StringComparison.Ordinal) ? bad.Message
                : $"The request body is larger than the {SiloServiceExtensions.MaxRequestBodyBytes} bytes this server accepts."
            : BindingProblems.Describe(bad, context);

    private static string TitleFor(int status) => status switch
    {
        401 => "Sign-in failed",
        413 => "Body too large",
        415 => "Unsupported media type",
        _ => "Malformed request",
    };
}
