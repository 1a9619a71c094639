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
            return "请求没有内容：请把要提交的内容一并提交。";
        }
        if (RequiredParameter().Match(message) is { Success: true } required)
        {
            return $"{Wording.Field(required.Groups["name"].Value)}必须填写{Source(required.Groups["source"].Value)}。";
        }
        if (UnboundParameter().Match(message) is { Success: true } unbound)
        {
            string name = unbound.Groups["name"].Value;
            string value = unbound.Groups["value"].Value;
            string expected = ParameterType(context, name) is { } type ? Expected(type, Options(context)) : "另一种值";
            // The value is not echoed: it is what the client sent, often English or garbage, and tells the reader nothing.
            return $"{Wording.Field(name)}应填{expected}。";
        }
        if (UnreadBody().IsMatch(message))
        {
            return "无法读取提交的内容，请重新提交。";
        }
        // Our own refusals thrown as a bad request (the anti-forgery check, an overlong username) are worded already.
        return message.Any(c => c is >= '\u4e00' and <= '\u9fff') ? message : "请求的格式不对，请检查填写的内容后重试。";
    }

    private static string DescribeJson(JsonException json, HttpContext context)
    {
        string? field = json.Path is null or "$" ? null : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path.TrimStart('$');
        if (json.Message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            var options = Options(context);
            string expected = Expected(TypeAt(BodyType(context), json.Path, options), options);
            return field is null ? $"提交的内容应是{expected}。" : $"{Wording.Field(FieldName(field))}应填{expected}。";
        }
        // The reader's own complaint ("'n' is an invalid start of a value") is about characters, not types.
        // The reader's English is not passed on; where it broke is.
        string at = json.LineNumber is { } line && json.BytePositionInLine is { } position ? $"（第{line + 1}行第{position + 1}个字节处）" : "";
        return $"提交的内容格式不对，无法读取{at}；请检查后重新提交。";
    }

    /// <summary>What a value of this type looks like in JSON or in a query string.</summary>
    private static string Expected(Type? type, JsonSerializerOptions? options)
    {
        if (type is null)
        {
            return "一组数据";
        }
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) || type == typeof(char) => "文字",
            _ when type == typeof(bool) => "是或否",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(uint) || type == typeof(ulong)
                || type == typeof(ushort) || type == typeof(sbyte) => "整数",
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "数字",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "带时区的日期和时间",
            _ when type == typeof(DateOnly) => "日期",
            _ when type == typeof(TimeOnly) => "时刻",
            _ when type == typeof(TimeSpan) => "时长",
            _ when type == typeof(Guid) => "编号",
            _ when type.IsEnum => "列表中的一项",
            _ when type == typeof(JsonElement) || type == typeof(object) => "一个值",
            _ when typeof(IDictionary).IsAssignableFrom(type) => "一组数据",
            _ when typeof(IEnumerable).IsAssignableFrom(type) => "一组值",
            _ => "一组数据",
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
        "query string" => "（查询条件）",
        "route" => "（地址）",
        "header" => "（请求头）",
        "form" => "（表单）",
        _ => "",
    };

    /// <summary>The request field a JSON path names, for its Chinese label: members[0] stays an item of members; a nested
    /// property goes by its own name.</summary>
    private static string FieldName(string path)
    {
        int dot = path.LastIndexOf('.');
        return dot >= 0 ? path[(dot + 1)..] : path;
    }

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
