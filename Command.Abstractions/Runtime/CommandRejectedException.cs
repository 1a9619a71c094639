using Orleans;

namespace Command.Abstractions.Runtime;

/// <summary>
/// A grain refused a request for a business reason. It is thrown before any event is raised, so the
/// grain's state is untouched; the host maps it to 403, 404, 409 or 422 with <see cref="Exception.Message"/> as the detail.
/// It crosses grain calls and silos, so it carries its own serializer.
/// </summary>
[GenerateSerializer]
public sealed class CommandRejectedException : Exception
{
    public CommandRejectedException(RejectionKind kind, string detail) : base(detail) => Kind = kind;

    [Id(0)]
    public RejectionKind Kind { get; private set; }

    /// <summary>What the person refused can do about it, one of <see cref="NextSteps"/>; null when there is nothing to offer.
    /// The host writes it into the problem as <c>nextStep</c> so a page can offer the step as a button.</summary>
    [Id(1)]
    public string? NextStep { get; private set; }

    /// <summary>The 三个慎用 gate the next step is about (policeForce, …), when it is about one.</summary>
    [Id(2)]
    public string? NextStepGate { get; private set; }

    public static CommandRejectedException NotFound(string detail) => new(RejectionKind.NotFound, detail);
    public static CommandRejectedException Conflict(string detail) => new(RejectionKind.Conflict, detail);
    public static CommandRejectedException Invalid(string detail) => new(RejectionKind.Invalid, detail);
    public static CommandRejectedException Forbidden(string detail) => new(RejectionKind.Forbidden, detail);

    public CommandRejectedException WithNextStep(string action, string? gate = null)
    {
        NextStep = action;
        NextStepGate = gate;
        return this;
    }
}
