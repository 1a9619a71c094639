using System.Collections.Immutable;
using Command.Abstractions.Incidents;
using Command.Silo.Runtime;

namespace Command.Silo.Incidents;

public sealed partial record IncidentState
{
    /// <summary>联动单位 called into the case, in the order called (see IncidentGrain.Departments.cs).</summary>
    public ImmutableList<DepartmentCall> Departments { get; init; } = [];

    /// <summary>The accounts called in, for the lists and the live feed; null when none, as in older snapshots.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string>? DepartmentUsernames => Departments.IsEmpty ? null : [.. Departments.Select(d => d.Username).Distinct()];

    [System.Text.Json.Serialization.JsonIgnore]
    public int DepartmentsOverdue => Departments.Count(d => d.OverdueAt is not null && !d.IsReceived);

    private IncidentState ApplyDepartment(IncidentEvent @event, EventMeta meta) => @event switch
    {
        DepartmentCalled c => this with
        {
            Departments = Departments.Add(new DepartmentCall(c.Number, c.Username, c.DepartmentName, c.Kind, c.Role, c.Task, meta.Actor, meta.At, c.DueAt,
                Reports: ImmutableList<DepartmentReport>.Empty)),
        },
        DepartmentReceived r => UpdateDepartment(r.Number, d => d with { ReceivedAt = meta.At, ReceivedBy = meta.Actor }),
        DepartmentReceiptOverdue o => UpdateDepartment(o.Number, d => d with { OverdueAt = meta.At }),
        DepartmentReported r => UpdateDepartment(r.Number, d => d with
        {
            Reports = [.. d.Reports ?? [], new DepartmentReport(meta.At, meta.Actor, r.Text, r.Final)],
            FinishedAt = r.Final ? meta.At : d.FinishedAt,
        }),
        _ => this,
    };

    private IncidentState UpdateDepartment(int number, Func<DepartmentCall, DepartmentCall> change)
    {
        int index = Departments.FindIndex(d => d.Number == number);
        return index < 0 ? this : this with { Departments = Departments.SetItem(index, change(Departments[index])) };
    }
}
