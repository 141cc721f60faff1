using Microsoft.AspNetCore.Http.HttpResults;
using UserStream.Processor.Consuming;
using UserStream.ServiceDefaults.Security;

namespace UserStream.Processor.Api;

/// <summary>POST /consumption/pause and /resume (with the API key) and GET /consumption: this replica's consumption.</summary>
public static class ConsumptionApi
{
    /// <summary>The state GET /consumption and both actions answer with.</summary>
    public sealed record ConsumptionState(bool Paused, bool Holding, DateTimeOffset? PausedAt, int AssignedPartitions, string Message);

    /// <summary>How long POST /consumption/pause waits for the loop to stop before it answers that it is still stopping.</summary>
    public static readonly TimeSpan HoldTimeout = TimeSpan.FromSeconds(30);

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

    /// <summary>Answers once the loop has stopped (nothing is stored after the answer), or after <see cref="HoldTimeout"/> with <c>holding: false</c>.</summary>
    private static async Task<Ok<ConsumptionState>> Pause(ConsumptionGate gate, PartitionOwnership ownership, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var changed = gate.Pause();
        if (changed)
            loggers.CreateLogger(typeof(ConsumptionApi)).LogWarning("Consumption paused by the operator (POST /consumption/pause)");
        var holding = await gate.WaitHoldingAsync(HoldTimeout, cancellationToken);
        return TypedResults.Ok(State(gate, ownership, !holding ? "pausing: the batch in hand is still being stored" : changed ? "paused" : "already paused"));
    }

    private static Ok<ConsumptionState> Resume(ConsumptionGate gate, PartitionOwnership ownership, ILoggerFactory loggers)
    {
        var changed = gate.Resume();
        if (changed)
            loggers.CreateLogger(typeof(ConsumptionApi)).LogInformation("Consumption resumed by the operator (POST /consumption/resume)");
        return TypedResults.Ok(State(gate, ownership, changed ? "resumed" : "already consuming"));
    }

    private static ConsumptionState State(ConsumptionGate gate, PartitionOwnership ownership, string message) =>
        new(gate.IsPaused, gate.IsHolding, gate.PausedAt, ownership.Owned.Count, message);
}
