using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using UserStream.Ingestor.Ledger;
using UserStream.Ingestor.Runs;
using UserStream.ServiceDefaults.Security;

namespace UserStream.Ingestor.Api;

/// <summary>POST /runs to start a run; GET /runs and GET /runs/{id} to follow them.</summary>
public static partial class RunsApi
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 200;

    /// <summary>Retry-After of a 429: about how long a small run takes to leave the queue.</summary>
    public const int QueueFullRetryAfterSeconds = 5;

    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/runs").WithTags("Runs").AddEndpointFilter<LedgerUnavailableFilter>();
        // The body is read by hand (see StartRunRequestReader); describe it for OpenAPI without Accepts<T>(),
        // whose content-type matching would answer a wrong content type before the handler could name it.
        runs.MapPost("/", StartRunAsync).WithSummary("Start an ingestion run").AddOpenApiOperationTransformer(DescribeBodyAsync).RequireApiKey();
        runs.MapPost("/retry-failed", RetryFailedAsync).RequireApiKey()
            .WithSummary("Queue every failed run again for another attempt (each resumes after its last committed page)");
        var reads = runs.MapGroup("");
        reads.MapGet("/", ListRunsAsync).WithSummary("Recent runs, newest first")
            .WithDescription("Filters: status, trigger (schedule or api), from and to (when the run was requested; ISO 8601 with an offset, from inclusive, to exclusive), limit (1 to 200, default 20).");
        reads.MapGet("/{id}", GetRunAsync).WithSummary("One run");
        if (app.ServiceProvider.GetRequiredService<IConfiguration>().ProtectsReads())
            reads.RequireApiKey();
        return app;
    }

    private static async Task<Results<Accepted<IngestionRun>, ValidationProblem, ProblemHttpResult>> StartRunAsync(
        HttpRequest httpRequest, StartRunRequestReader reader, RunLedger ledger, RunQueue queue, LedgerReadiness readiness,
        IOptions<IngestionOptions> options, CancellationToken cancellationToken)
    {
        var body = await reader.ReadAsync(httpRequest, cancellationToken);
        if (body.StatusCode == StatusCodes.Status400BadRequest)
            return TypedResults.ValidationProblem(body.Errors);
        if (body.Errors.Count > 0)
            return TypedResults.Problem(detail: string.Join(" ", body.Errors.SelectMany(e => e.Value)), statusCode: body.StatusCode,
                extensions: new Dictionary<string, object?> { ["errors"] = body.Errors });

        var errors = RunRequestValidator.Validate(body.Request, options.Value.MaxUsersPerRun);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        if (!readiness.Ready.IsCompleted)
            return TypedResults.Problem("The ingestion ledger is not ready yet; try again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable);

        var request = body.Request!;
        var maxQueued = Math.Max(1, options.Value.MaxQueuedRuns);
        var run = await ledger.TryCreateAsync(RunTrigger.Api, request.Count!.Value, request.Seed ?? RunSeeds.NewSeed(), maxQueued, cancellationToken);
        if (run is null)
        {
            httpRequest.HttpContext.Response.Headers.RetryAfter = QueueFullRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(title: "Too many runs waiting",
                detail: $"{maxQueued} runs are already queued or fetching (Ingestion:MaxQueuedRuns); try again in {QueueFullRetryAfterSeconds} s.",
                statusCode: StatusCodes.Status429TooManyRequests);
        }
        queue.Enqueue(new RunRequest(run, Activity.Current?.Context ?? default));
        return TypedResults.Accepted($"/runs/{run.Id}", run);
    }

    /// <summary>What POST /runs/retry-failed answers: how many failed runs were queued again, and which.</summary>
    public sealed record RetriedRuns(int Retried, IReadOnlyList<Guid> Runs);

    /// <summary>Most failed runs one POST /runs/retry-failed queues again.</summary>
    public const int RetryFailedLimit = 100;

    private static async Task<Ok<RetriedRuns>> RetryFailedAsync(RunLedger ledger, RunQueue queue, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var runs = await ledger.RetryFailedAsync(RetryFailedLimit, cancellationToken);
        foreach (var run in runs)
            queue.Enqueue(new RunRequest(run, Activity.Current?.Context ?? default));
        if (runs.Count > 0)
            loggers.CreateLogger(typeof(RunsApi)).LogInformation("{Count} failed run(s) queued again by the operator (POST /runs/retry-failed)", runs.Count);
        return TypedResults.Ok(new RetriedRuns(runs.Count, [.. runs.Select(r => r.Id)]));
    }

    private static async Task<Results<Ok<IReadOnlyList<IngestionRun>>, ValidationProblem>> ListRunsAsync(
        RunLedger ledger, CancellationToken cancellationToken,
        string? limit = null, string? status = null, string? trigger = null, string? from = null, string? to = null)
    {
        var take = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out take) || take < 1 || take > MaxLimit))
            return Invalid("limit", $"limit must be a whole number from 1 to {MaxLimit}; got '{Shorten(limit)}'.");
        if (status is not null && !RunStatus.All.Contains(status))
            return Invalid("status", $"status must be one of {string.Join(", ", RunStatus.All)}; got '{Shorten(status)}'.");
        if (trigger is not null && !RunTrigger.All.Contains(trigger))
            return Invalid("trigger", $"trigger must be one of {string.Join(", ", RunTrigger.All)}; got '{Shorten(trigger)}'.");
        if (!TryParseInstant(from, out var since))
            return Invalid("from", $"from must be a date and time with its offset, e.g. 2026-12-04T09:00:00Z; got '{Shorten(from!)}'.");
        if (!TryParseInstant(to, out var until))
            return Invalid("to", $"to must be a date and time with its offset, e.g. 2026-12-04T10:00:00Z; got '{Shorten(to!)}'.");
        if (since is not null && until is not null && until <= since)
            return Invalid("to", $"to ({to}) must be later than from ({from}).");
        return TypedResults.Ok(await ledger.ListAsync(take, new RunFilter(status, trigger, since, until), cancellationToken));
    }

    /// <summary>
    /// An ISO 8601 instant that names its offset (Z or ±hh:mm): a time without one would mean the server's zone, which
    /// a caller cannot see. A null value is no bound.
    /// </summary>
    private static bool TryParseInstant(string? value, out DateTimeOffset? instant)
    {
        instant = null;
        if (value is null)
            return true;
        var text = value.Trim();
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || OffsetSuffix().IsMatch(text);
        if (!hasOffset || !text.Contains('T', StringComparison.OrdinalIgnoreCase)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            return false;
        instant = parsed;
        return true;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[+-]\d{2}:?\d{2}$")]
    private static partial System.Text.RegularExpressions.Regex OffsetSuffix();

    private static async Task<Results<Ok<IngestionRun>, ValidationProblem, ProblemHttpResult>> GetRunAsync(
        string id, RunLedger ledger, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var runId))
            return Invalid("id", $"'{Shorten(id)}' is not a run id (a UUID).");
        var run = await ledger.GetAsync(runId, cancellationToken);
        return run is null
            ? TypedResults.Problem(title: "Run not found", detail: $"No run {runId}.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(run);
    }

    private static async Task DescribeBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(typeof(StartRunRequest), null, cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static string Shorten(string value) => value.Length > 80 ? value[..80] + "…" : value;
}
