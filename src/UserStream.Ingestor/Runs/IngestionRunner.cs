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
/// Executes one run page by page: fetch a page, validate each record (a bad one is counted with its
/// reason and the run goes on), and commit the page's valid users to the outbox together with the run's
/// progress, then wake the relay. Memory holds one page at a time, the relay publishes while later pages
/// are fetched, and a run interrupted anywhere (even by a killed process) resumes after its last
/// committed page. A source that cannot be read fails the run with the reason; the pages it already
/// committed are still published. Every ledger write waits out PostgreSQL outages (<see cref="LedgerRetry"/>) up to
/// the outage limit, and goes on from where the run stands in the ledger.
/// </summary>
public sealed class IngestionRunner(
    RandomUserSourceClient source,
    RunLedger ledger,
    LedgerRetry retry,
    OutboxSignal outboxSignal,
    IngestorMetrics metrics,
    IOptions<SourceClientOptions> sourceOptions,
    IOptions<RunRetryOptions> retryOptions,
    TimeProvider clock,
    ILogger<IngestionRunner> logger)
{
    /// <summary>Ends the attempt: retrying when the error may pass and retries are left (Ingestion:Retries), else failed.</summary>
    private async Task FailAttemptAsync(IngestionRun run, string error, bool permanent, CancellationToken cancellationToken)
    {
        var options = retryOptions.Value;
        var now = await ledger.FailAttemptAsync(run.Id, error, permanent ? 0 : options.Count, options.Delay, options.MaxDelay, cancellationToken);
        if (now?.Status == RunStatus.Retrying)
            logger.LogWarning("Run {RunId} attempt {Attempt} failed: {Error}; retrying at {RetryAt:O} ({Retries} retries in all, Ingestion:Retries:Count)",
                run.Id, now.Attempt, error, now.RetryAt, options.Count);
        else
            logger.LogError("Run {RunId} failed{Permanent}: {Error}", run.Id, permanent ? " (not retried: asking again cannot help)" : "", error);
    }

    public async Task ExecuteAsync(RunRequest request, CancellationToken cancellationToken)
    {
        using var activity = IngestorMetrics.ActivitySource.StartActivity("ingestion run", ActivityKind.Internal, request.Parent);
        activity?.SetTag("userstream.run.id", request.Run.Id);
        activity?.SetTag("userstream.run.trigger", request.Run.Trigger);
        activity?.SetTag("userstream.run.requested", request.Run.Requested);

        IngestionRun? run;
        try
        {
            run = await retry.ExecuteAsync("starting a run", t => ledger.MarkFetchingAsync(request.Run.Id, t), cancellationToken);
        }
        catch (LedgerUnavailableException e)
        {
            // Not even started: the run stays queued, and a sweep takes it up once PostgreSQL answers.
            logger.LogError("Run {RunId} could not start: {Error}", request.Run.Id, e.Message);
            return;
        }
        if (run is null)
        {
            logger.LogInformation("Run {RunId} is past fetching or held by another ingestor; nothing to do here", request.Run.Id);
            return;
        }
        if (run.PagesFetched > 0)
            logger.LogInformation("Run {RunId} resumes after page {Page} ({Fetched} of {Requested} users fetched)",
                run.Id, run.PagesFetched, run.Fetched, run.Requested);

        try
        {
            if (!await FetchRemainingPagesAsync(run, activity, cancellationToken))
                return;
            await retry.ExecuteAsync("ending a run's fetch", t => ledger.FinishFetchingAsync(run.Id, t), cancellationToken);

            var done = await retry.ExecuteAsync("reading a run", t => ledger.GetAsync(run.Id, t), cancellationToken);
            activity?.SetTag("userstream.run.fetched", done?.Fetched);
            activity?.SetTag("userstream.run.valid", done?.Valid);
            logger.LogInformation("Run {RunId} ({Trigger}): fetched {Fetched} in {Pages} pages, valid {Valid}, invalid {Invalid}",
                run.Id, run.Trigger, done?.Fetched, done?.PagesFetched, done?.Valid, done?.Invalid);
        }
        catch (SourceUnavailableException e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            try
            {
                await retry.ExecuteAsync("recording a run's failure", t => FailAttemptAsync(run, e.Message, permanent: e.Permanent, t), cancellationToken);
            }
            catch (LedgerUnavailableException recordError)
            {
                logger.LogError("Could not record the failure of run {RunId} ({Error}); a sweep will take it up again", run.Id, recordError.Message);
            }
        }
        catch (LedgerUnavailableException e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            try
            {
                // One attempt: PostgreSQL has just been unavailable for the whole outage limit.
                await FailAttemptAsync(run, e.Message, permanent: false, cancellationToken);
            }
            catch (Exception recordError) when (!cancellationToken.IsCancellationRequested && PostgresErrors.IsRecoverable(recordError))
            {
                // The run keeps its status and last committed page; once this process lets go of it, its lease runs
                // out and a sweep takes it up again when PostgreSQL answers.
                logger.LogError("Could not record the failure of run {RunId} ({Error}); a sweep will take it up again", run.Id, recordError.Message);
            }
        }
    }

    /// <summary>Fetches and commits the pages after the last committed one; false when another execution of the run took over.</summary>
    private async Task<bool> FetchRemainingPagesAsync(IngestionRun run, Activity? activity, CancellationToken cancellationToken)
    {
        var pageSize = Math.Clamp(sourceOptions.Value.PageSize, 1, 5000);
        var fetched = run.Fetched;
        for (var number = run.PagesFetched + 1; fetched < run.Requested; number++)
        {
            var want = Math.Min(pageSize, run.Requested - fetched);
            FetchedPage result;
            using (var fetch = IngestorMetrics.ActivitySource.StartActivity("source fetch"))
            {
                fetch?.SetTag("userstream.source.page", number);
                fetch?.SetTag("userstream.source.results", want);
                result = await source.FetchAsync(want, run.Seed, number, cancellationToken);
            }
            if (result.Count == 0)
                break; // the source has no more; the run records what it got

            var page = Validate(run.Id, number, result, activity);
            // Retried as the same write (same token): a commit whose reply was lost is recognised, never written twice.
            var write = await retry.ExecuteAsync($"recording page {number} of a run", t => ledger.RecordPageAsync(run.Id, page, t), cancellationToken);
            if (write == PageWrite.AlreadyWritten)
                logger.LogInformation("Page {Page} of run {RunId} had been committed before its reply was lost; going on", number, run.Id);
            if (write == PageWrite.Refused)
            {
                logger.LogWarning("Page {Page} of run {RunId} was already recorded by another execution; leaving the run to it", number, run.Id);
                return false;
            }
            outboxSignal.Notify();
            metrics.Fetched(page.Fetched);
            metrics.Invalid(page.Invalid);
            fetched += result.Count;
        }
        return true;
    }

    private RunPage Validate(Guid runId, int number, FetchedPage result, Activity? activity)
    {
        var ingestedAt = clock.GetUtcNow();
        var invalidReasons = new Dictionary<string, int>();
        var messages = new List<OutboxMessage>(result.Records.Count);
        foreach (var reason in result.UnreadableReasons)
            Count(invalidReasons, ReasonKey(reason));
        foreach (var record in result.Records)
        {
            var problems = RandomUserValidator.Validate(record);
            if (problems.Count == 0)
                messages.Add(ToOutboxMessage(runId, ingestedAt, record, activity));
            else
                foreach (var problem in problems)
                    Count(invalidReasons, ReasonKey(problem));
        }
        return new RunPage(number, result.Count, result.Count - messages.Count, invalidReasons, messages);
    }

    private static OutboxMessage ToOutboxMessage(Guid runId, DateTimeOffset ingestedAt, RandomUserRecord user, Activity? activity)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(UserCreatedV1.FromSource(runId, ingestedAt, user), ContractJson.Options);
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
