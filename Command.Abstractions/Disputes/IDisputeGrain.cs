using Orleans;

namespace Command.Abstractions.Disputes;

/// <summary>One dispute of the 矛盾纠纷台账, from registration to its outcome. Keyed by the dispute's id.</summary>
public interface IDisputeGrain : IGrainWithStringKey
{
    /// <summary>Registers it. Calling it again returns the existing dispute unchanged.</summary>
    Task<DisputeView> Register(DisputeRegistration registration, string actor);

    /// <summary>Null when nothing was ever registered under this id.</summary>
    Task<DisputeView?> Get();

    /// <summary>Appends a mediation step; not after it is closed.</summary>
    Task<DisputeView> AddStep(string text, string actor);

    /// <summary>对接: hands it to a body through a receiver, who must 签收 by <paramref name="receiptDueAt"/>.</summary>
    Task<DisputeView> HandOff(string body, string receiverUsername, string receiverName, string? note, DateTimeOffset receiptDueAt, string actor);

    /// <summary>签收 of handoff <paramref name="number"/>: only its receiver.</summary>
    Task<DisputeView> Receive(int number, string username, string actor);

    /// <summary>The receiver returns the result; it closes the dispute with the matching outcome.</summary>
    Task<DisputeView> ReturnResult(int number, bool success, string text, string username, string actor);

    /// <summary>Closes it with an outcome; refused while a handoff awaits its result.</summary>
    Task<DisputeView> Close(string outcome, string? note, string actor);

    /// <summary>民转刑: links a criminal case. Linking the same case again changes nothing.</summary>
    Task<DisputeView> LinkCriminal(string incidentId, string incidentNumber, string actor);
}
