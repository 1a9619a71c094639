using Command.Abstractions.Runtime;
using Command.Silo.Access;
using Command.Silo.Hosting;

namespace Command.Silo.Addresses;

/// <summary>Geocoding against the standard address base (标准地址) for call-taking, and its import by an administrator.</summary>
public static class AddressEndpoints
{
    public const int MaxQueryLength = 100;
    public const int MaxLimit = 50;
    private const int ErrorsInDetail = 10;

    public static IEndpointRouteBuilder MapAddresses(this IEndpointRouteBuilder app)
    {
        var addresses = app.MapGroup("/api/addresses").WithTags("Addresses");

        addresses.MapGet("", (string? q, int? limit, Caller caller, AddressBook book) =>
        {
            var count = limit ?? 8;
            if (count is < 1 or > MaxLimit)
            {
                throw CommandRejectedException.Invalid($"每次返回的地址条数须在 1 到 {MaxLimit} 之间。");
            }
            var query = q ?? "";
            if (query.Length > MaxQueryLength)
            {
                throw CommandRejectedException.Invalid($"地址查询最多 {MaxQueryLength} 个字，这次有 {query.Length} 个。请只输入地址本身，例如“花园北路12号”。");
            }
            if (!IsReadable(query))
            {
                throw CommandRejectedException.Invalid("地址查询里有无法识别的字符，请删掉后重新输入。");
            }
            // The caller's own county first: most calls are from the area the officer serves.
            var county = caller.JurisdictionId.Length >= 6 ? caller.JurisdictionId[..6] : caller.JurisdictionId;
            var found = book.Current.Search(query, count, a => a.JurisdictionId.StartsWith(county, StringComparison.Ordinal));
            return Results.Ok(found.Select(a => new AddressMatch(a.Address, a.Lon, a.Lat, a.JurisdictionId, book.NameOf(a.JurisdictionId), a.Synthetic)));
        })
        .RequireAuthorization(AccessPolicies.ReadMap)
        .WithSummary("Standard addresses (标准地址) matching q, best first: the exact address, a street and house number, parts in order");

        addresses.MapPost("/import", async (HttpRequest request, AddressBook book) =>
        {
            using var reader = new StreamReader(request.Body);
            var csv = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            var result = book.Import(csv);
            if (result.Errors.Count > 0)
            {
                var listed = string.Join("；", result.Errors.Take(ErrorsInDetail).Select(e => $"第 {e.Line} 行：{e.Message}"));
                var more = result.Errors.Count > ErrorsInDetail ? $"；另有 {result.Errors.Count - ErrorsInDetail} 行有误" : "";
                return Results.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "Unprocessable address file",
                    detail: $"标准地址文件有 {result.Errors.Count} 行有误，没有导入，原有地址库照常使用。{listed}{more}。请改正后重新导入。",
                    extensions: new Dictionary<string, object?> { ["errors"] = result.Errors });
            }
            return Results.Ok(new { imported = result.Addresses.Count });
        })
        .RequireAuthorization(AccessPolicies.Administer)
        .Accepts<string>("text/csv")
        .WithSummary("Replaces the standard address base with a CSV file (address,lon,lat[,jurisdictionId[,synthetic]]); any bad line refuses the whole file");

        return app;
    }

    /// <summary>No control characters and no half of a surrogate pair: what a keyboard or a paste of real text gives.</summary>
    private static bool IsReadable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]))
            {
                return false;
            }
            if (char.IsSurrogate(text[i]))
            {
                if (!char.IsSurrogatePair(text, i))
                {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
