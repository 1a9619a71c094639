using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Command.Silo.Hosting;

/// <summary>
/// Words a request that could not be bound (unreadable JSON, a value of the wrong type, a missing body or query value)
/// in the request's own terms: which field, and what it should have been. The framework's messages name .NET types
/// ("could not be converted to Command.Silo.Incidents.Api.CreateIncidentRequest", "Nullable&lt;bool&gt; active"), which
/// tell a client nothing it can act on and tell anyone probing what the server is built of.
/// </summary>
internal static partial class BindingProblems
{
    private const int MaxQuotedValue = 80;

    public static string Describe(BadHttpRequestException bad, HttpContext context)
    {
        for (Exception? inner = bad.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json)
            {
                return Scrub(DescribeJson(json, context));
            }
        }
        string message = bad.Message;
        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal) || (message.StartsWith("Required parameter", StringComparison.Ordinal) && message.EndsWith("from body.", StringComparison.Ordinal)))
        {
            return $"The request has no body; send {Expected(BodyType(context), Options(context))} as JSON (Content-Type: application/json).";
        }
        if (RequiredParameter().Match(message) is { Success: true } required)
        {
            return $"{required.Groups["name"].Value}: is required ({Source(required.Groups["source"].Value)}).";
        }
        if (UnboundParameter().Match(message) is { Success: true } unbound)
        {
            string name = unbound.Groups["name"].Value;
            string value = unbound.Groups["value"].Value;
            string expected = ParameterType(context, name) is { } type ? Expected(type, Options(context)) : "another kind of value";
            return Scrub($"{name}: expected {expected}, not '{(value.Length > MaxQuotedValue ? value[..MaxQuotedValue] + "…" : value)}'.");
        }
        if (UnreadBody().IsMatch(message))
        {
            return "The request body could not be read.";
        }
        return Scrub(message);
    }

    private static string DescribeJson(JsonException json, HttpContext context)
    {
        string? field = json.Path is null or "$" ? null : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path.TrimStart('$');
        if (json.Message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            var options = Options(context);
            string expected = Expected(TypeAt(BodyType(context), json.Path, options), options);
            return field is null ? $"The body must be {expected}." : $"{field}: expected {expected}.";
        }
        // The reader's own complaint ("'n' is an invalid start of a value") is about characters, not types.
        string reason = JsonLocation().Replace(json.Message, "").Trim();
        string at = json.LineNumber is { } line && json.BytePositionInLine is { } position ? $" (line {line + 1}, byte {position + 1}{(field is null ? "" : ", at " + field)})" : "";
        return $"The body is not valid JSON: {reason}{at}";
    }

    /// <summary>What a value of this type looks like in JSON or in a query string.</summary>
    private static string Expected(Type? type, JsonSerializerOptions? options)
    {
        if (type is null)
        {
            return "a JSON object";
        }
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) || type == typeof(char) => "a string",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(uint) || type == typeof(ulong)
                || type == typeof(ushort) || type == typeof(sbyte) => "a whole number",
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "a date and time such as 2026-03-01T08:30:00+08:00",
            _ when type == typeof(DateOnly) => "a date such as 2026-03-01",
            _ when type == typeof(TimeOnly) => "a time of day such as 08:30:00",
            _ when type == typeof(TimeSpan) => "a duration such as 00:30:00",
            _ when type == typeof(Guid) => "a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type).Select(n => options?.PropertyNamingPolicy?.ConvertName(n) ?? n)),
            _ when type == typeof(JsonElement) || type == typeof(object) => "a JSON value",
            _ when typeof(IDictionary).IsAssignableFrom(type) => "a JSON object",
            _ when typeof(IEnumerable).IsAssignableFrom(type) => "a JSON array",
            _ => "a JSON object",
        };
    }

    /// <summary>The declared type at a JSON path ($.members[0].name) of the body type, as the serializer sees it.</summary>
    private static Type? TypeAt(Type? root, string? path, JsonSerializerOptions? options)
    {
        if (root is null || options is null || path is null)
        {
            return root;
        }
        var type = root;
        try
        {
            foreach (Match segment in PathSegment().Matches(path))
            {
                var info = options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
                if (segment.Groups["index"].Success)
                {
                    type = info.ElementType;
                }
                else
                {
                    string name = segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value;
                    var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                    type = info.Kind == JsonTypeInfoKind.Dictionary ? info.ElementType : info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, comparison))?.PropertyType;
                }
                if (type is null)
                {
                    return null;
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            return null;
        }
        return type;
    }

    private static Type? BodyType(HttpContext context) => Endpoint(context)?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;

    private static Type? ParameterType(HttpContext context, string name) =>
        Endpoint(context)?.Metadata.GetMetadata<MethodInfo>()?.GetParameters().FirstOrDefault(p => p.Name == name)?.ParameterType;

    /// <summary>The endpoint that failed: the exception handler clears the request's own before handlers run.</summary>
    private static Endpoint? Endpoint(HttpContext context) =>
        context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();

    private static JsonSerializerOptions? Options(HttpContext context) =>
        context.RequestServices.GetService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()?.Value.SerializerOptions;

    private static string Source(string source) => source switch
    {
        "query string" => "in the query string",
        "route" => "in the path",
        "header" => "as a header",
        "form" => "in the form",
        _ => source,
    };

    /// <summary>A last net: nothing that reads as a namespace-qualified .NET name reaches the client.</summary>
    private static string Scrub(string detail) => DotNetName().Replace(detail, "the request");

    [GeneratedRegex(@"^Required parameter ""(?<type>[^""]*) (?<name>[^"" ]+)"" was not provided from (?<source>[^.]+)\.$")]
    private static partial Regex RequiredParameter();

    [GeneratedRegex(@"^Failed to bind parameter ""(?<type>[^""]*) (?<name>[^"" ]+)"" from ""(?<value>.*)""\.$", RegexOptions.Singleline)]
    private static partial Regex UnboundParameter();

    [GeneratedRegex(@"^Failed to read parameter ""[^""]*"" from the request body")]
    private static partial Regex UnreadBody();

    [GeneratedRegex(@"\s*(?:Path: .*?)?\|?\s*LineNumber: \d+ \| BytePositionInLine: \d+\.?")]
    private static partial Regex JsonLocation();

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();

    [GeneratedRegex(@"'?\b(?:System|Microsoft|Command|Orleans|NetTopologySuite|StackExchange)(?:\.[A-Za-z_][\w`]*)+(?:\[[^\]]*\])?'?")]
    private static partial Regex DotNetName();
}
