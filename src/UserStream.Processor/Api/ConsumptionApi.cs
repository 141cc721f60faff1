using Microsoft.AspNetCore.Http.HttpResults;
using UserStream.Processor.Consuming;
using UserStream.ServiceDefaults.Security;

namespace UserStream.Processor.Api;

/// <summary>POST /consumption/pause and /resume (with the API key) and GET /consumption: this replica's consumption.</summary>
public static class ConsumptionApi
{
    /// <summary>The state GET /consumption and both actions answer with.</summary>
    public sealed record ConsumptionState(bool Paused, DateTimeOffset? PausedAt, int AssignedPartitions, string Message);

    public static IEndpointRouteBuilder MapConsumptionApi(this IEndpointRouteBuilder app)
    {
        var consumption = app.MapGroup("/consumption").WithTags("Consumption");
        consumption.MapGet("/", (ConsumptionGate gate, PartitionOwnership ownership) => TypedResults.Ok(State(gate, ownership, gate.IsPaused ? "paused" : "consuming")))
            .WithSummary("Whether this replica consumes");
        consumption.MapPost("/pause", Pause).RequireApiKey()
            .WithSummary("Stop storing: the batch in hand is finished, the partitions are paused, the member stays in its group");
        consumption.MapPost("/resume", Resume).RequireApiKey()
            .WithSummary("Store again: the partitions are resumed and the lag drains");
        return app;
    }

    private static Ok<ConsumptionState> Pause(ConsumptionGate gate, PartitionOwnership ownership, ILoggerFactory loggers)
    {
        var changed = gate.Pause();
        if (changed)
            loggers.CreateLogger(typeof(ConsumptionApi)).LogWarning("Consumption paused by the operator (POST /consumption/pause)");
        return TypedResults.Ok(State(gate, ownership, changed ? "paused" : "already paused"));
    }

    private static Ok<ConsumptionState> Resume(ConsumptionGate gate, PartitionOwnership ownership, ILoggerFactory loggers)
    {
        var changed = gate.Resume();
        if (changed)
            loggers.CreateLogger(typeof(ConsumptionApi)).LogInformation("Consumption resumed by the operator (POST /consumption/resume)");
        return TypedResults.Ok(State(gate, ownership, changed ? "resumed" : "already consuming"));
    }

    private static ConsumptionState State(ConsumptionGate gate, PartitionOwnership ownership, string message) =>
        new(gate.IsPaused, gate.PausedAt, ownership.Owned.Count, message);
}
