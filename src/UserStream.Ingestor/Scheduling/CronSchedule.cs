using Cronos;

namespace UserStream.Ingestor.Scheduling;

/// <summary>A cron expression read in a time zone: the slots it names, in UTC.</summary>
public sealed class CronSchedule
{
    private readonly CronExpression _expression;

    private CronSchedule(string text, CronExpression expression, TimeZoneInfo zone)
    {
        Text = text;
        _expression = expression;
        Zone = zone;
    }

    public string Text { get; }
    public TimeZoneInfo Zone { get; }

    /// <summary>
    /// Reads <paramref name="cron"/> (5 fields, or 6 with seconds first) in <paramref name="timeZone"/> (an IANA or
    /// Windows id). A bad value throws <see cref="FormatException"/> naming the setting and what is wrong.
    /// </summary>
    public static CronSchedule Parse(string cron, string? timeZone)
    {
        var text = cron.Trim();
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
            throw new FormatException($"{ScheduleOptions.Section}:Cron '{cron}' has {fields} fields; give 5 (minute hour day month weekday) or 6 (seconds first).");
        CronExpression expression;
        try
        {
            expression = CronExpression.Parse(text, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            throw new FormatException($"{ScheduleOptions.Section}:Cron '{cron}' is not a cron expression: {e.Message}", e);
        }
        TimeZoneInfo zone;
        try
        {
            zone = string.IsNullOrWhiteSpace(timeZone) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(timeZone.Trim());
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new FormatException($"{ScheduleOptions.Section}:TimeZone '{timeZone}' is not a time zone this machine knows (an IANA id such as Europe/Paris).", e);
        }
        if (expression.GetNextOccurrence(DateTimeOffset.UtcNow, zone) is null)
            throw new FormatException($"{ScheduleOptions.Section}:Cron '{cron}' never fires again.");
        return new CronSchedule(text, expression, zone);
    }

    /// <summary>The first slot after <paramref name="after"/>; null when there is none.</summary>
    public DateTimeOffset? Next(DateTimeOffset after) => _expression.GetNextOccurrence(after, Zone);

    /// <summary>Most slots one look fires while the ingestor runs, the newest (a scheduler held up far longer than its period).</summary>
    public const int MaxLiveSlots = 1000;

    /// <summary>
    /// The slots due since <paramref name="after"/> (exclusive) up to <paramref name="now"/> (inclusive), and which of them
    /// run. A slot from <paramref name="runningSince"/> on came while this ingestor ran: it runs, however late. A slot
    /// before it was missed while no ingestor ran: of those the newest <paramref name="catchUp"/> run, and the newest
    /// one besides when no slot came while running (the slot due now, as a scheduler without catch-up runs it).
    /// </summary>
    public DueSlots Due(DateTimeOffset after, DateTimeOffset now, DateTimeOffset runningSince, int catchUp)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(catchUp);
        var missed = new Queue<DateTimeOffset>(catchUp + 1);
        var live = new Queue<DateTimeOffset>();
        long count = 0;
        if (now > after)
        {
            foreach (var slot in _expression.GetOccurrences(after, now, Zone, fromInclusive: false, toInclusive: true))
            {
                count++;
                if (slot >= runningSince)
                {
                    if (live.Count == MaxLiveSlots)
                        live.Dequeue();
                    live.Enqueue(slot);
                    continue;
                }
                if (missed.Count == catchUp + 1)
                    missed.Dequeue();
                missed.Enqueue(slot);
            }
        }
        var keepMissed = live.Count == 0 ? catchUp + 1 : catchUp;
        var run = missed.Skip(Math.Max(0, missed.Count - keepMissed)).Concat(live).ToList();
        return new DueSlots(count, run);
    }
}

/// <summary>How many slots are due, and those that run (oldest first); the last is the newest due.</summary>
public sealed record DueSlots(long Count, IReadOnlyList<DateTimeOffset> Run)
{
    /// <summary>The due slots that do not run (missed while no ingestor ran, beyond the catch-up limit).</summary>
    public long Skipped => Count - Run.Count;
}
