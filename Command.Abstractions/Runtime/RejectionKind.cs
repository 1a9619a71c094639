using Orleans;
namespace Command.Abstractions.Runtime;

[GenerateSerializer]
public enum RejectionKind
{
    /// <summary>Unknown id: HTTP 404.</summary>
    NotFound,
    /// <summary>The current state forbids it: HTTP 409.</summary>
    Conflict,
    /// <summary>Well-formed but invalid: HTTP 422.</summary>
    Invalid,
    /// <summary>The caller may see the thing but not do this to it: HTTP 403.</summary>
    Forbidden,
}
