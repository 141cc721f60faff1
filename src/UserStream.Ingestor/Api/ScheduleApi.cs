using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using UserStream.Ingestor.Ledger;
using UserStream.Ingestor.Scheduling;
using UserStream.ServiceDefaults.Security;

namespace UserStream.Ingestor.Api;

/// <summary>GET /schedule, and POST /schedule/pause and /resume with the API key: the schedule of every ingestor sharing the ledger.</summary>
public static class ScheduleApi
{
    /// <summary>What GET /schedule and both actions answer.</summary>
    public sealed record ScheduleView(bool Enabled, string Kind, string? Cron, string? TimeZone, TimeSpan? Interval, int UsersPerRun,
        bool Paused, DateTimeOffset? PausedAt, DateTimeOffset? LastFiredAt, DateTimeOffset? NextAt, string Message);

    public static IEndpointRouteBuilder MapScheduleApi(this IEndpointRouteBuilder app)
    {
        var schedule = app.MapGroup("/schedule").WithTags("Schedule").AddEndpointFilter<LedgerUnavailableFilter>();
        schedule.MapGet("/", async (ScheduleState state, IOptions<ScheduleOptions> options, CancellationToken cancellationToken) =>
            TypedResults.Ok(await ViewAsync(state, options.Value, null, cancellationToken))).WithSummary("The schedule: what it fires, whether it is paused, its next slot");
        schedule.MapPost("/pause", PauseAsync).RequireApiKey().WithSummary("Pause the schedule on every ingestor; runs already started go on");
        schedule.MapPost("/resume", ResumeAsync).RequireApiKey().WithSummary("Resume the schedule; slots that came while it was paused are not fired");
        return app;
    }

    private static async Task<Ok<ScheduleView>> PauseAsync(ScheduleState state, IOptions<ScheduleOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var since = await state.PauseAsync(cancellationToken);
        loggers.CreateLogger(typeof(ScheduleApi)).LogWarning("Schedule paused by the operator since {Since:O} (POST /schedule/pause)", since);
        return TypedResults.Ok(await ViewAsync(state, options.Value, "paused", cancellationToken));
    }

    private static async Task<Ok<ScheduleView>> ResumeAsync(ScheduleState state, IOptions<ScheduleOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var resumed = await state.ResumeAsync(cancellationToken);
        if (resumed)
            loggers.CreateLogger(typeof(ScheduleApi)).LogInformation("Schedule resumed by the operator (POST /schedule/resume)");
        return TypedResults.Ok(await ViewAsync(state, options.Value, resumed ? "resumed" : "not paused", cancellationToken));
    }

    private static async Task<ScheduleView> ViewAsync(ScheduleState state, ScheduleOptions options, string? message, CancellationToken cancellationToken)
    {
        var pausedAt = await state.PausedSinceAsync(cancellationToken);
        var isCron = !string.IsNullOrWhiteSpace(options.Cron);
        var lastFired = await state.LastFiredAsync(isCron ? ScheduleState.Cron : ScheduleState.Interval, cancellationToken);
        DateTimeOffset? next = null;
        if (options.Enabled && pausedAt is null)
        {
            var from = lastFired is { } last && last > DateTimeOffset.UtcNow ? last : DateTimeOffset.UtcNow;
            next = isCron ? CronSchedule.Parse(options.Cron!, options.TimeZone).Next(from)
                : lastFired is { } fired ? (fired + options.Interval > DateTimeOffset.UtcNow ? fired + options.Interval : DateTimeOffset.UtcNow) : null;
        }
        var situation = !options.Enabled ? "off (Ingestion:Schedule:Enabled=false)" : pausedAt is null ? "running" : "paused";
        return new ScheduleView(options.Enabled, isCron ? "cron" : "interval", isCron ? options.Cron : null, isCron ? options.TimeZone : null,
            isCron ? null : options.Interval, options.UsersPerRun, pausedAt is not null, pausedAt, lastFired, next, message ?? situation);
    }
}
