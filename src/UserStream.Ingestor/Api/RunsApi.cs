using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using UserStream.Ingestor.Ledger;
using UserStream.Ingestor.Runs;

namespace UserStream.Ingestor.Api;

/// <summary>POST /runs to start a run; GET /runs and GET /runs/{id} to follow them.</summary>
public static class RunsApi
{
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/runs").WithTags("Runs");
        runs.MapPost("/", StartRunAsync).WithSummary("Start an ingestion run");
        runs.MapGet("/", ListRunsAsync).WithSummary("Recent runs, newest first");
        runs.MapGet("/{id}", GetRunAsync).WithSummary("One run");
        return app;
    }

    private static async Task<Results<Accepted<IngestionRun>, ValidationProblem, ProblemHttpResult>> StartRunAsync(
        StartRunRequest? request, RunLedger ledger, RunQueue queue, LedgerReadiness readiness,
        IOptions<IngestionOptions> options, CancellationToken cancellationToken)
    {
        var errors = RunRequestValidator.Validate(request, options.Value.MaxUsersPerRun);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        if (!readiness.Ready.IsCompleted)
            return TypedResults.Problem("The ingestion ledger is not ready yet; try again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable);

        var run = await ledger.CreateAsync(RunTrigger.Api, request!.Count!.Value, request.Seed ?? RunSeeds.NewSeed(), cancellationToken);
        queue.Enqueue(new RunRequest(run, Activity.Current?.Context ?? default));
        return TypedResults.Accepted($"/runs/{run.Id}", run);
    }

    private static async Task<Results<Ok<IReadOnlyList<IngestionRun>>, ValidationProblem>> ListRunsAsync(
        RunLedger ledger, CancellationToken cancellationToken, int? limit = null, string? status = null)
    {
        var take = limit ?? 20;
        if (take is < 1 or > 200)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be between 1 and 200."] });
        return TypedResults.Ok(await ledger.ListAsync(take, status, cancellationToken));
    }

    private static async Task<Results<Ok<IngestionRun>, ValidationProblem, ProblemHttpResult>> GetRunAsync(
        string id, RunLedger ledger, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var runId))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [$"'{id}' is not a run id (a UUID)."] });
        var run = await ledger.GetAsync(runId, cancellationToken);
        return run is null
            ? TypedResults.Problem(title: "Run not found", detail: $"No run {runId}.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(run);
    }
}
