namespace UserStream.Ingestor.Source;

/// <summary>
/// The source could not be used: unreachable, failing after every retry, or answering something that is not a randomuser
/// page. <see cref="Permanent"/> when asking again cannot help (a 4xx answer, a page body over the cap): the run is then
/// failed without its automatic retries.
/// </summary>
public sealed class SourceUnavailableException(string message, Exception? inner = null, bool permanent = false) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}
