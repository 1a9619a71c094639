using System.Collections.Immutable;
using Command.Abstractions.Incidents;
using Command.Silo.Runtime;

namespace Command.Silo.Incidents;

public sealed partial record IncidentState
{
    /// <summary>Leaders' 批示 on the case, in the order given.</summary>
    public ImmutableList<CaseInstruction> Instructions { get; init; } = [];

    /// <summary>批示 no duty officer has read yet: what the console keeps in front of them.</summary>
    public int PendingInstructions => Instructions.Count(i => !i.IsAcknowledged);

    private IncidentState ApplyInstruction(IncidentEvent @event, EventMeta meta) => @event switch
    {
        InstructionGiven g => this with { Instructions = Instructions.Add(new CaseInstruction(g.InstructionId, g.Text, meta.Actor, meta.At)) },
        InstructionAcknowledged a => Instructions.FindIndex(i => i.Id == a.InstructionId) is var index and >= 0
            ? this with { Instructions = Instructions.SetItem(index, Instructions[index] with { AcknowledgedBy = meta.Actor, AcknowledgedAt = meta.At }) }
            : this,
        _ => this,
    };
}
