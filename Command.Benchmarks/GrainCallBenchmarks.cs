using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Command.Abstractions.Patrols;
using Command.Abstractions.Runtime;
using Command.Benchmarks.Load;
using Command.Silo.Hosting;
using Command.Silo.Jurisdictions;

namespace Command.Benchmarks;

/// <summary>
/// One caller, one call at a time, against an active grain of a real silo (memory store): the runtime's own cost per
/// call, and the position report the ingest path makes, against a <see cref="Channel{T}"/> hop with a reply.
/// </summary>
[MemoryDiagnoser]
public class GrainCallBenchmarks
{
    private readonly Channel<TaskCompletionSource<object>> mailbox = Channel.CreateUnbounded<TaskCompletionSource<object>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly object reply = new();
    private BenchSilo silo = null!;
    private IPatrolTeamGrain team = null!;
    private TeamPosition position = null!;
    private Task owner = Task.CompletedTask;

    [GlobalSetup]
    public async Task SetUp()
    {
        silo = await BenchSilo.StartAsync(new SiloOptions { Storage = StorageKind.Memory, Demo = false }, new BenchLog(), ownsData: false);
        var definition = BenchTeams.Create(silo.Get<JurisdictionMap>(), 1)[0];
        team = silo.Get<IGrainFactory>().GetGrain<IPatrolTeamGrain>(definition.Id);
        await team.Commission(definition.Definition, "bench");
        position = new TeamPosition(definition.Lon, definition.Lat, DateTimeOffset.UtcNow);
        owner = Task.Run(async () =>
        {
            await foreach (var request in mailbox.Reader.ReadAllAsync())
            {
                request.TrySetResult(reply);
            }
        });
    }

    [GlobalCleanup]
    public async Task TearDown()
    {
        mailbox.Writer.Complete();
        await owner;
        await silo.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "Channel<T> hop with reply")]
    public Task<object> ChannelHop()
    {
        var answer = new TaskCompletionSource<object>();
        mailbox.Writer.TryWrite(answer);
        return answer.Task;
    }

    [Benchmark(Description = "grain call: GetView")]
    public Task<TeamView?> GrainCall() => team.GetView();

    [Benchmark(Description = "grain call: ReportPosition")]
    public Task ReportPosition() => team.ReportPosition(position);
}
