namespace UserStream.UserStore;

/// <summary>A page token that this store did not issue, or that was altered.</summary>
public sealed class InvalidPageTokenException(string message) : Exception(message);
