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
            JournalConflictException => (409, "Concurrent change", "别人刚刚同时修改了这条记录，您的操作没有保存；请刷新后重试。"),
            // The store's own reason goes to the log (below), not to the person at the console.
            StorageUnavailableException => (503, "Storage unavailable", "指挥系统的数据存储暂时无法访问，这次操作没有保存；请几秒钟后重试，仍不行请联系系统管理员。"),
            // The grain's silo died and the cluster has not yet declared it dead (a few seconds): a retry reaches its new home.
            // Or this silo was itself declared dead (frozen past its detection) and refuses to host grains: a proxy moves on.
            Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException or TimeoutException =>
                (503, "Cluster changing", "保存这起警情或这支警力的服务器暂时没有响应，系统正在把它转到另一台服务器；请几秒钟后重试。"),
            Orleans.Runtime.OrleansException => (503, "Cluster changing", "指挥系统服务器正在调整，暂时无法处理这次操作；请几秒钟后重试。"),
            _ => (500, "Internal error", "指挥系统服务器处理这次操作时出错，已记录在日志中；操作没有生效，请稍后重试，仍不行请联系系统管理员。"),
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
        var problem = new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        };
        if (exception is CommandRejectedException { NextStep: { } action } offered)
        {
            problem.ProblemDetails.Extensions["nextStep"] = new NextStep(action, offered.NextStepGate);
        }
        return await problems.TryWriteAsync(problem);
    }

    private static string Describe(BadHttpRequestException bad, HttpContext context) =>
        bad.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? bad.Message.StartsWith("提交的内容有", StringComparison.Ordinal) ? bad.Message
                : $"提交的内容太大：最多只能提交{SiloServiceExtensions.MaxRequestBodyBytes / 1024}千字节，请删减后重试。"
            : BindingProblems.Describe(bad, context);

    private static string TitleFor(int status) => status switch
    {
        401 => "Sign-in failed",
        413 => "Body too large",
        415 => "Unsupported media type",
        _ => "Malformed request",
    };
}

/// <summary>The <c>nextStep</c> of a refusal: an action of <see cref="NextSteps"/> and, for a 三个慎用 step, its gate.</summary>
internal sealed record NextStep(string Action, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Gate);
