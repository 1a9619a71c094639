using System.Globalization;
using Command.Abstractions.Incidents;
using Command.Abstractions.Runtime;

namespace Command.Silo.Incidents;

/// <summary>
/// 批示: a leader writes an instruction on a case; the duty officers of the case see it on their console until one of
/// them marks it read (已阅). Both are journaled, so the timeline shows who wrote what, and who read it when.
/// </summary>
public sealed partial class IncidentGrain
{
    public async Task<IncidentDetail> GiveInstruction(string text, string actor)
    {
        RequireOpenForControl("下达批示");
        RequireRoomForUpdate("这条批示");
        // Numbered within the case, so an id never depends on a clock or a random source and replays the same.
        string id = string.Create(CultureInfo.InvariantCulture, $"{Key}-ps{State.Instructions.Count + 1}");
        RaiseEvent(new InstructionGiven(id, text), actor);
        await ConfirmEvents();
        Publish();
        return Detail();
    }

    public async Task<IncidentDetail> AcknowledgeInstruction(string instructionId, string actor)
    {
        if (!State.Exists)
        {
            throw CommandRejectedException.NotFound("这起警情不存在，请刷新页面。");
        }
        var instruction = State.Instructions.FirstOrDefault(i => i.Id == instructionId)
            ?? throw CommandRejectedException.NotFound($"警情 {State.Number} 没有这条领导批示，可能已刷新；请重新打开警情查看批示。");
        if (instruction.IsAcknowledged)
        {
            throw CommandRejectedException.Conflict(
                $"警情 {State.Number} 的这条批示已由{Hosting.Wording.Person(instruction.AcknowledgedBy!)}于{Hosting.Wording.Time(instruction.AcknowledgedAt!.Value)}签阅，无需再点已阅。");
        }
        // Reading an instruction changes nothing on the case itself, so it is allowed after 办结 too: the record of who
        // read it must be completable.
        RaiseEvent(new InstructionAcknowledged(instruction.Id, instruction.Leader), actor);
        await ConfirmEvents();
        Publish();
        return Detail();
    }
}
