namespace Command.Abstractions.Runtime;

/// <summary>
/// The caller does not wait for the call to run: the returned task completes once the call is queued.
/// Used for notifications that flow "backwards" (a team telling its incident it arrived) so that two grains
/// calling each other can never deadlock.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneWayAttribute : Attribute;
