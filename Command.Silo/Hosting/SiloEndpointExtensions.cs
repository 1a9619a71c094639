using Command.Console;
using Command.Silo.Incidents;
using Command.Silo.Jurisdictions;
using Command.Silo.Patrols;
using Command.Silo.Realtime;
using Command.Silo.Storage;

namespace Command.Silo.Hosting;

public static class SiloEndpointExtensions
{
    public static WebApplication MapSilo(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapHealth();
        app.MapJurisdictions();
        app.MapTeams();
        app.MapIncidents();
        app.MapHub<CommandHub>(CommandHub.Path);
        app.MapConsole();
        return app;
    }

    private static void MapHealth(this WebApplication app) =>
        app.MapGet("/healthz", async (Readiness readiness, IEventJournal journal) =>
        {
            if (!readiness.IsReady)
            {
                return Results.Problem(statusCode: 503, title: "Not serving", detail: readiness.Reason);
            }
            try
            {
                await journal.ReadSnapshotAsync("healthz/probe");
            }
            catch (StorageUnavailableException ex)
            {
                return Results.Problem(statusCode: 503, title: "Storage unavailable", detail: ex.Message);
            }
            return Results.Text("serving");
        }).WithTags("Health");
}
