using Command.Abstractions.Patrols;

namespace Command.Silo.Patrols;

/// <summary>
/// The status machine a team's leader drives from the phone: available → dispatched → enRoute → onScene →
/// returning → available, with offDuty beside it. Dispatched is entered only through an assignment.
/// </summary>
public static class TeamTransitions
{
    private static readonly Dictionary<TeamStatus, TeamStatus[]> reportable = new()
    {
        [TeamStatus.EnRoute] = [TeamStatus.Dispatched],
        [TeamStatus.OnScene] = [TeamStatus.Dispatched, TeamStatus.EnRoute],
        [TeamStatus.Returning] = [TeamStatus.OnScene],
        [TeamStatus.Available] = [TeamStatus.Returning, TeamStatus.OffDuty],
        [TeamStatus.OffDuty] = [TeamStatus.Available, TeamStatus.Returning],
    };

    /// <summary>Null when allowed; otherwise why not, in words a duty officer understands.</summary>
    public static string? Refusal(TeamStatus from, TeamStatus to)
    {
        if (to == TeamStatus.Dispatched)
        {
            return "A team becomes dispatched only through an assignment to an incident (POST /api/incidents/{id}/assignments).";
        }
        return reportable.TryGetValue(to, out var sources) && sources.Contains(from)
            ? null
            : $"A team that is {Camel(from)} cannot report {Camel(to)}; allowed from: {string.Join(", ", reportable.GetValueOrDefault(to, []).Select(Camel))}.";
    }

    public static string Camel(TeamStatus status) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());
}
