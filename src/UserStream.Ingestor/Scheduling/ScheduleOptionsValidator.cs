using Microsoft.Extensions.Options;

namespace UserStream.Ingestor.Scheduling;

/// <summary>Checks the schedule's settings at start, so a typo stops the ingestor with the setting's name instead of never firing.</summary>
public sealed class ScheduleOptionsValidator : IValidateOptions<ScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, ScheduleOptions options)
    {
        if (!options.Enabled)
            return ValidateOptionsResult.Skip;
        var errors = new List<string>();
        if (options.UsersPerRun < 1)
            errors.Add($"{ScheduleOptions.Section}:UsersPerRun must be at least 1; got {options.UsersPerRun}.");
        if (options.MaxCatchUpRuns is < 0 or > ScheduleOptions.MaxCatchUpLimit)
            errors.Add($"{ScheduleOptions.Section}:MaxCatchUpRuns must be from 0 to {ScheduleOptions.MaxCatchUpLimit}; got {options.MaxCatchUpRuns}.");
        if (!string.IsNullOrWhiteSpace(options.Cron))
        {
            try
            {
                CronSchedule.Parse(options.Cron, options.TimeZone);
            }
            catch (FormatException e)
            {
                errors.Add(e.Message);
            }
        }
        else if (options.Interval <= TimeSpan.Zero)
        {
            errors.Add($"{ScheduleOptions.Section}:Interval must be longer than zero; got {options.Interval}.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
