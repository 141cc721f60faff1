namespace UserStream.Ingestor.Source;

/// <summary>The source could not be used: unreachable, failing after every retry, or answering something that is not a randomuser page.</summary>
public sealed class SourceUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
