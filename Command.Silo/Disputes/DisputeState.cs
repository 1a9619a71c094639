using System.Collections.Immutable;
using Command.Abstractions.Disputes;
using Command.Silo.Hosting;
using Command.Silo.Runtime;

namespace Command.Silo.Disputes;

public sealed record DisputeState(DisputeRegistration? Registration, string? RegisteredBy, DateTimeOffset RegisteredAt)
{
    public static DisputeState Empty { get; } = new(null, null, default);

    public ImmutableList<DisputeStep> Steps { get; init; } = [];

    public ImmutableList<DisputeHandoff> Handoffs { get; init; } = [];

    public ImmutableList<DisputeCriminalLink> CriminalLinks { get; init; } = [];

    public ImmutableList<DisputeTimelineEntry> Timeline { get; init; } = [];

    public string? Outcome { get; init; }

    public string? CloseNote { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public string? ClosedBy { get; init; }

    public bool Exists => Registration is not null;

    public DisputeHandoff? Handoff(int number) => Handoffs.FirstOrDefault(h => h.Number == number);

    public DisputeState Apply(DisputeEvent @event, EventMeta meta) => @event switch
    {
        DisputeRegistered r => new DisputeState(r.Registration, meta.Actor, meta.At)
        {
            Timeline = [Line(meta, "registered", $"登记矛盾纠纷（{Label(DisputeTerms.Causes, r.Registration.Cause)}，{Label(DisputeTerms.Levels, r.Registration.Level)}）" +
                (r.Registration.IncidentNumber is { } n ? $"，源自警情{n}" : ""))],
        },
        DisputeDirectReported d => this with
        {
            Timeline = Timeline.Add(Line(meta, "directReported", $"重大矛盾纠纷直报{d.CountyName}")),
        },
        DisputeStepAdded s => this with
        {
            Steps = Steps.Add(new DisputeStep(meta.At, meta.Actor, s.Text)),
            Timeline = Timeline.Add(Line(meta, "step", s.Text)),
        },
        DisputeHandedOff h => this with
        {
            Handoffs = Handoffs.Add(new DisputeHandoff(h.Number, h.Body, h.ReceiverUsername, h.ReceiverName, h.Note, meta.At, meta.Actor, h.ReceiptDueAt)),
            Timeline = Timeline.Add(Line(meta, "handedOff",
                $"第{h.Number}次对接：移交{Label(DisputeTerms.Bodies, h.Body)}，接收人{h.ReceiverName}，须于{Wording.Time(h.ReceiptDueAt)}前签收" + (h.Note is { } note ? $"。{note}" : ""))),
        },
        DisputeReceiptOverdue o => Change(o.Number, h => h with { OverdueAt = meta.At }, meta, "receiptOverdue",
            $"第{o.Number}次对接超过签收时限（{Wording.Time(o.DueAt)}）未签收"),
        DisputeHandoffReceived r => Change(r.Number, h => h with { ReceivedAt = meta.At, ReceivedBy = meta.Actor }, meta, "received",
            $"第{r.Number}次对接已签收" + (Handoff(r.Number)?.OverdueAt is not null ? "（逾期签收）" : "")),
        DisputeHandoffResult r => Change(r.Number, h => h with { ResultAt = meta.At, ResultBy = meta.Actor, Success = r.Success, ResultText = r.Text }, meta, "result",
            $"第{r.Number}次对接反馈：{(r.Success ? "调解成功" : "调解不成")}。{r.Text}") with
        {
            Outcome = r.Success ? "mediated" : "failed",
            CloseNote = r.Text,
            ClosedAt = meta.At,
            ClosedBy = meta.Actor,
        },
        DisputeClosed c => this with
        {
            Outcome = c.Outcome,
            CloseNote = c.Note,
            ClosedAt = meta.At,
            ClosedBy = meta.Actor,
            Timeline = Timeline.Add(Line(meta, "closed", $"结案：{Label(DisputeTerms.Outcomes, c.Outcome)}" + (c.Note is { } note ? $"。{note}" : ""))),
        },
        DisputeCriminalLinked l => this with
        {
            CriminalLinks = CriminalLinks.Add(new DisputeCriminalLink(l.IncidentId, l.IncidentNumber, meta.At, meta.Actor)),
            Timeline = Timeline.Add(Line(meta, "criminalLinked", $"民转刑：关联刑事警情{l.IncidentNumber}")),
        },
        _ => this,
    };

    private DisputeState Change(int number, Func<DisputeHandoff, DisputeHandoff> change, EventMeta meta, string kind, string text) => this with
    {
        Handoffs = Handoffs.Select(h => h.Number == number ? change(h) : h).ToImmutableList(),
        Timeline = Timeline.Add(Line(meta, kind, text)),
    };

    private static DisputeTimelineEntry Line(EventMeta meta, string kind, string text) => new(meta.At, meta.Actor, kind, text);

    private static string Label(IReadOnlyDictionary<string, string> terms, string key) => terms.GetValueOrDefault(key, key);

    public DisputeView ToView(string id, long version)
    {
        var r = Registration!;
        string state = ClosedAt is not null ? "closed" : Handoffs.Any(h => h.IsPending) ? "handedOff" : "open";
        return new DisputeView(id, r.Number, r.Parties, r.Cause, r.Description, r.Location, r.JurisdictionId, r.JurisdictionChain, r.Level,
            r.IncidentId, r.IncidentNumber, RegisteredBy!, RegisteredAt, state, Steps, Handoffs, CriminalLinks, Timeline, Outcome, CloseNote,
            ClosedAt, ClosedBy, version);
    }
}
