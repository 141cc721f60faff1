using Microsoft.Extensions.Options;

namespace UserStream.Ingestor.Runs;

/// <summary>Checks the retry settings at start, naming the one that is wrong.</summary>
public sealed class RunRetryOptionsValidator : IValidateOptions<RunRetryOptions>
{
    public ValidateOptionsResult Validate(string? name, RunRetryOptions options)
    {
        var errors = new List<string>();
        if (options.Count is < 0 or > RunRetryOptions.MaxCount)
            errors.Add($"{RunRetryOptions.Section}:Count must be from 0 to {RunRetryOptions.MaxCount}; got {options.Count}.");
        if (options.Delay < TimeSpan.Zero)
            errors.Add($"{RunRetryOptions.Section}:Delay must not be negative; got {options.Delay}.");
        if (options.MaxDelay < options.Delay)
            errors.Add($"{RunRetryOptions.Section}:MaxDelay ({options.MaxDelay}) must not be shorter than Delay ({options.Delay}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
