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
            return "“已派警”不能由警力自己上报，只能由值班员在警情上派警。";
        }
        return reportable.TryGetValue(to, out var sources) && sources.Contains(from)
            ? null
            : $"警力现在是“{Hosting.Wording.TeamStatus(from)}”，不能直接改为“{Hosting.Wording.TeamStatus(to)}”；只有“{string.Join("”“", reportable.GetValueOrDefault(to, []).Select(Hosting.Wording.TeamStatus))}”的警力才能改为“{Hosting.Wording.TeamStatus(to)}”。";
    }

    public static string Camel(TeamStatus status) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());
}
