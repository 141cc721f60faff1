using Confluent.Kafka;
using Microsoft.AspNetCore.Http.HttpResults;
using UserStream.Processor.DeadLetters;
using UserStream.ServiceDefaults.Security;

namespace UserStream.Processor.Api;

/// <summary>GET /dead-letters and POST /dead-letters/replay, with the API key (dead letters hold users' data).</summary>
public static class DeadLettersApi
{
    /// <summary>The body of POST /dead-letters/replay: which reason (all when absent), from which offset in each partition.</summary>
    public sealed record ReplayRequest(string? Reason, long? FromOffset);

    public static IEndpointRouteBuilder MapDeadLettersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/dead-letters").WithTags("Dead letters").RequireApiKey();
        group.MapGet("/", ListAsync).WithSummary("Dead letters, by partition then offset: reason, detail, source, the original key and value");
        group.MapPost("/replay", ReplayAsync).WithSummary("Publish the originals of matching dead letters to users_created again, with a replayed-from header");
        return app;
    }

    private static async Task<Results<Ok<DeadLetterPage>, ValidationProblem, ProblemHttpResult>> ListAsync(
        DeadLetterTopic deadLetters, CancellationToken cancellationToken, string? reason = null, string? limit = null, string? pageToken = null)
    {
        var take = DeadLetterTopic.DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out take) || take < 1 || take > DeadLetterTopic.MaxLimit))
            return Invalid("limit", $"limit must be a whole number from 1 to {DeadLetterTopic.MaxLimit}; got '{Shorten(limit)}'.");
        if (reason is { Length: 0 })
            return Invalid("reason", "reason must name a dead-letter reason (e.g. missing-fields) or be left out for all.");
        if (pageToken is not null)
        {
            try { DeadLetterTopic.ParseToken(pageToken); }
            catch (FormatException e) { return Invalid("pageToken", e.Message); }
        }
        return await BrokerCallAsync(() => deadLetters.ListAsync(reason, take, pageToken, cancellationToken));
    }

    private static async Task<Results<Ok<ReplayResult>, ValidationProblem, ProblemHttpResult>> ReplayAsync(
        ReplayRequest? request, DeadLetterTopic deadLetters, CancellationToken cancellationToken)
    {
        if (request?.FromOffset is < 0)
            return Invalid("fromOffset", $"fromOffset must be 0 or more; got {request.FromOffset}.");
        if (request?.Reason is { Length: 0 })
            return Invalid("reason", "reason must name a dead-letter reason or be left out for all.");
        return await BrokerCallAsync(() => deadLetters.ReplayAsync(request?.Reason, request?.FromOffset ?? 0, cancellationToken));
    }

    /// <summary>A broker that does not answer is a 503 with Retry-After, never a 500.</summary>
    private static async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> BrokerCallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return TypedResults.Ok(await call());
        }
        catch (Exception e) when (e is KafkaException or TimeoutException)
        {
            return TypedResults.Problem(title: "Kafka unavailable", detail: $"The dead-letter topic could not be read: {e.Message}",
                statusCode: StatusCodes.Status503ServiceUnavailable, extensions: new Dictionary<string, object?> { ["retryAfter"] = 5 });
        }
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static string Shorten(string value) => value.Length > 80 ? value[..80] + "…" : value;
}
