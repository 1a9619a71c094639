using System.Reflection;
using Xunit.Sdk;

namespace Command.Tests.Browser;

/// <summary>
/// Closes the browser contexts a test opened once it ends, passed or failed. A console left open keeps its hub
/// connection and redraws its map on every event of the shared silo: fifty of them once held a 2-core machine at a
/// load of 40, and the tests after them missed their countdowns.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ClosesItsPagesAttribute : BeforeAfterTestAttribute
{
    public override void After(MethodInfo methodUnderTest) =>
        Task.Run(BrowserFixture.CloseOpenContextsAsync).Wait(TimeSpan.FromSeconds(60));
}
