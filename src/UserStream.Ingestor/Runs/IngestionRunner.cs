using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using UserStream.Contracts;
using UserStream.Contracts.Messages;
using UserStream.Contracts.RandomUser;
using UserStream.Ingestor.Ledger;
using UserStream.Ingestor.Outbox;
using UserStream.Ingestor.Source;

namespace UserStream.Ingestor.Runs;

/// <summary>
/// Executes one run: fetch the requested users page by page, validate each record (a bad one is
/// counted with its reason and the run goes on), then write the valid users to the outbox and the
/// counts to the ledger in one transaction. A source that cannot be read fails the run with the reason.
/// </summary>
public sealed class IngestionRunner(
    RandomUserSourceClient source,
    RunLedger ledger,
    OutboxSignal outboxSignal,
    IngestorMetrics metrics,
    IOptions<SourceClientOptions> sourceOptions,
    TimeProvider clock,
    ILogger<IngestionRunner> logger)
{
    public async Task ExecuteAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var run = request.Run;
        using var activity = IngestorMetrics.ActivitySource.StartActivity("ingestion run", ActivityKind.Internal, request.Parent);
        activity?.SetTag("userstream.run.id", run.Id);
        activity?.SetTag("userstream.run.trigger", run.Trigger);
        activity?.SetTag("userstream.run.requested", run.Requested);

        await ledger.MarkFetchingAsync(run.Id, cancellationToken);
        try
        {
            var (fetched, valid, invalidReasons) = await FetchAndValidateAsync(run, cancellationToken);
            var ingestedAt = clock.GetUtcNow();
            var messages = valid.Select(user => ToOutboxMessage(run.Id, ingestedAt, user, activity)).ToList();
            await ledger.RecordFetchAsync(run.Id, fetched, fetched - valid.Count, invalidReasons, messages, cancellationToken);
            outboxSignal.Notify();

            metrics.Fetched(fetched);
            metrics.Invalid(fetched - valid.Count);
            metrics.RunFinished(RunStatus.Publishing);
            activity?.SetTag("userstream.run.fetched", fetched);
            activity?.SetTag("userstream.run.valid", valid.Count);
            logger.LogInformation("Run {RunId} ({Trigger}): fetched {Fetched}, valid {Valid}, invalid {Invalid}",
                run.Id, run.Trigger, fetched, valid.Count, fetched - valid.Count);
        }
        catch (SourceUnavailableException e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            metrics.RunFinished(RunStatus.Failed);
            logger.LogError("Run {RunId} failed: {Error}", run.Id, e.Message);
            await ledger.FailAsync(run.Id, e.Message, CancellationToken.None);
        }
    }

    private async Task<(int Fetched, List<RandomUserRecord> Valid, Dictionary<string, int> InvalidReasons)> FetchAndValidateAsync(
        IngestionRun run, CancellationToken cancellationToken)
    {
        var pageSize = Math.Clamp(sourceOptions.Value.PageSize, 1, 5000);
        var valid = new List<RandomUserRecord>(run.Requested);
        var invalidReasons = new Dictionary<string, int>();
        var fetched = 0;
        for (var page = 1; fetched < run.Requested; page++)
        {
            var want = Math.Min(pageSize, run.Requested - fetched);
            using (var fetch = IngestorMetrics.ActivitySource.StartActivity("source fetch"))
            {
                fetch?.SetTag("userstream.source.page", page);
                fetch?.SetTag("userstream.source.results", want);
                var result = await source.FetchAsync(want, run.Seed, page, cancellationToken);
                fetched += result.Count;
                foreach (var reason in result.UnreadableReasons)
                    Count(invalidReasons, ReasonKey(reason));
                foreach (var record in result.Records)
                {
                    var problems = RandomUserValidator.Validate(record);
                    if (problems.Count == 0)
                        valid.Add(record);
                    else
                        foreach (var problem in problems)
                            Count(invalidReasons, ReasonKey(problem));
                }
                if (result.Count == 0)
                    break; // the source has no more; the run records what it got
            }
        }
        return (fetched, valid, invalidReasons);
    }

    private static OutboxMessage ToOutboxMessage(Guid runId, DateTimeOffset ingestedAt, RandomUserRecord user, Activity? activity)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new UserCreatedV1(runId, ingestedAt, user), ContractJson.Options);
        return new OutboxMessage(user.Login!.Uuid!.ToLowerInvariant(), payload, activity?.Id, activity?.TraceStateString);
    }

    /// <summary>"login.uuid is not a UUID: 'x'" → "login.uuid is not a UUID": reasons are counted by kind, not by value.</summary>
    private static string ReasonKey(string problem)
    {
        var colon = problem.IndexOf(':');
        return colon < 0 ? problem : problem[..colon];
    }

    private static void Count(Dictionary<string, int> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
