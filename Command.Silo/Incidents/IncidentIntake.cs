using System.Globalization;
using System.Text.Json;
using Command.Abstractions.Geo;
using Command.Abstractions.Incidents;
using Command.Abstractions.Runtime;
using Command.Silo.Hosting;
using Command.Silo.Incidents.Api;
using Command.Silo.Jurisdictions;
using Microsoft.Extensions.Options;

namespace Command.Silo.Incidents;

/// <summary>三台合一 intake: every channel's call becomes an incident placed in its jurisdiction, with a case number.</summary>
public sealed class IncidentIntake(IGrainFactory grains, JurisdictionMap map, TimeProvider time, IOptions<IncidentOptions> options, Escalation.CommandRules rules)
{
    public const int MaxDescription = 2000;
    public const int MaxAddress = 200;
    public const int MaxCrowd = 1_000_000;

    public IncidentCall Validate(CreateIncidentRequest request)
    {
        var check = new Validation();
        IncidentChannel? channel = ParseChannel(request.Channel);
        check.Require(channel is not null, "channel", request.Channel is null ? "必须填写（110、119、120或122）。" : "只能是110、119、120或122。");
        IncidentType? type = request.Type is { } name && name.All(char.IsAsciiLetter) && Enum.TryParse<IncidentType>(name, ignoreCase: true, out var t) ? t : null;
        check.Require(type is not null, "type", request.Type is null ? "必须填写。" : "不是已有的类别，请从刑事、治安、交通、火灾、医疗急救、矛盾纠纷、群体性事件、危爆物品、安全生产、其他中选择。");
        check.Require(request.Severity is null || Severity.IsValid(request.Severity.Value), "severity", $"只能是1（I级 特别重大）到4（IV级 一般），现在是{request.Severity}。");
        check.Position(request.Lon, request.Lat);
        check.Text(request.Description, MaxDescription, "description").Text(request.Address, MaxAddress, "address");
        check.Require(request.CallerPhone is null || (request.CallerPhone.Length <= 20 && request.CallerPhone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ')),
            "callerPhone", "最多20位，只能有数字、+、-和空格。");
        check.Require(request.CrowdSize is null or >= 0 and <= MaxCrowd, "crowdSize", $"应在0到{MaxCrowd}人之间。");
        check.Require(request.Cause is null || Escalation.CommandRules.Causes.Contains(request.Cause), "cause",
            $"不是已有的原因，请从{Hosting.Wording.OneOf(Escalation.CommandRules.Causes.Select(Hosting.Wording.Cause))}中选择。");
        check.ThrowIfInvalid();
        return new IncidentCall(channel!.Value, type!.Value, request.Severity ?? DefaultSeverity(type.Value, request.CrowdSize),
            new GeoPoint(request.Lon!.Value, request.Lat!.Value), Clean(request.Address), Clean(request.Description),
            Clean(request.CallerPhone), request.CrowdSize, request.Cause);
    }

    public async Task<IncidentDetail> ReceiveAsync(IncidentCall call, string actor)
    {
        var now = time.GetUtcNow();
        string id = Guid.CreateVersion7(now).ToString("N");
        var placement = map.ToIncidentPlacement(map.Locate(call.Location.Lon, call.Location.Lat));
        var local = now.ToOffset(options.Value.LocalUtcOffset);
        string day = local.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        int sequence = await grains.GetGrain<IIncidentRegisterGrain>(day).Next(id);
        string number = $"{options.Value.NumberPrefix}-{day}-{sequence:0000}";
        return await grains.GetGrain<IIncidentGrain>(id).Open(call, number, placement, actor);
    }

    /// <summary>A gathering whose size is known takes the severity of its crowd band (一般 below every band);
    /// of unknown size, the type's default.</summary>
    private int DefaultSeverity(IncidentType type, int? crowd) =>
        type == IncidentType.MassIncident && crowd is { } size ? rules.SeverityForCrowd(size, Severity.Max) : Severity.DefaultFor(type);

    private static IncidentChannel? ParseChannel(JsonElement? element)
    {
        int? number = element?.ValueKind switch
        {
            JsonValueKind.Number when element.Value.TryGetInt32(out int n) => n,
            JsonValueKind.String when int.TryParse(element.Value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) => n,
            _ => null,
        };
        return number is { } value && Enum.IsDefined((IncidentChannel)value) ? (IncidentChannel)value : null;
    }

    private static string ToCamel(IncidentType type) => JsonNamingPolicy.CamelCase.ConvertName(type.ToString());

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
