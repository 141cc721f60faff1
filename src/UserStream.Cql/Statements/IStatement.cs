namespace UserStream.Cql;

/// <summary>A request a session can execute: a simple statement, a bound prepared statement or a batch.</summary>
public interface IStatement
{
    /// <summary>Consistency for this statement; null means the cluster's default.</summary>
    ConsistencyLevel? ConsistencyLevel { get; }

    /// <summary>Serial consistency for conditional statements; null means the server's default (SERIAL).</summary>
    ConsistencyLevel? SerialConsistencyLevel { get; }

    /// <summary>Rows per page; 0 means the cluster's default.</summary>
    int PageSize { get; }

    /// <summary>Where to resume reading, as returned by <see cref="RowSet.PagingState"/>; null starts at the first page.</summary>
    byte[]? PagingState { get; }

    /// <summary>Whether enumerating the result fetches the following pages on its own (default true).</summary>
    bool AutoPage { get; }

    /// <summary>Client-side timeout for this statement in milliseconds; 0 means the cluster's default.</summary>
    int ReadTimeoutMillis { get; }

    /// <summary>Sets the consistency level.</summary>
    IStatement SetConsistencyLevel(ConsistencyLevel? consistency);

    /// <summary>Sets the serial consistency level (SERIAL or LOCAL_SERIAL).</summary>
    IStatement SetSerialConsistencyLevel(ConsistencyLevel serialConsistency);

    /// <summary>Sets the page size.</summary>
    IStatement SetPageSize(int pageSize);

    /// <summary>Resumes from a paging state returned by an earlier page.</summary>
    IStatement SetPagingState(byte[]? pagingState);

    /// <summary>Turns automatic fetching of following pages on or off.</summary>
    IStatement SetAutoPage(bool autoPage);

    /// <summary>Sets the client-side timeout in milliseconds.</summary>
    IStatement SetReadTimeoutMillis(int timeoutMillis);
}
