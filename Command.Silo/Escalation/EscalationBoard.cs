using System.Collections.Concurrent;
using Command.Abstractions.Escalation;

namespace Command.Silo.Escalation;

/// <summary>The read model behind /api/escalations and the leaders' monitor: every escalation of every incident,
/// kept current by the incident grains and rebuilt at start from the incidents' snapshots.</summary>
public sealed class EscalationBoard
{
    private readonly ConcurrentDictionary<string, EscalationView> escalations = new(StringComparer.Ordinal);

    public void Update(EscalationView escalation) => escalations[escalation.Id] = escalation;

    public EscalationView? Find(string id) => escalations.GetValueOrDefault(id);

    public IEnumerable<EscalationView> All() => escalations.Values;
}
