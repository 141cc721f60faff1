using System.Collections;

namespace UserStream.Cql;

/// <summary>
/// The result of a statement: the rows of the current page, and — when <see cref="IStatement.AutoPage"/> is on —
/// the following pages, fetched as enumeration reaches the end of what is loaded. Results of writes and schema
/// changes are empty row sets.
/// </summary>
public sealed class RowSet : IEnumerable<Row>
{
    private readonly List<Row> _rows;
    private readonly Func<byte[], CancellationToken, Task<RowSet>>? _fetchPage;
    private readonly bool _autoPage;

    internal RowSet(IReadOnlyList<CqlColumn> columns, List<Row> rows, byte[]? pagingState, ExecutionInfo info, Func<byte[], CancellationToken, Task<RowSet>>? fetchPage, bool autoPage)
    {
        Columns = columns;
        _rows = rows;
        PagingState = pagingState;
        Info = info;
        _fetchPage = fetchPage;
        _autoPage = autoPage;
    }

    /// <summary>The result's columns (empty for non-row results).</summary>
    public IReadOnlyList<CqlColumn> Columns { get; }

    /// <summary>The state to resume after the rows loaded so far; null when there are no more pages.</summary>
    public byte[]? PagingState { get; private set; }

    /// <summary>Whether every page has been loaded.</summary>
    public bool IsFullyFetched => PagingState is null;

    /// <summary>Details of the request that produced the latest page.</summary>
    public ExecutionInfo Info { get; private set; }

    /// <summary>How many rows are loaded (enumerating past them fetches more when auto-paging).</summary>
    public int GetAvailableWithoutFetching() => _rows.Count;

    /// <summary>Loads the next page and appends its rows. Does nothing when fully fetched.</summary>
    public async Task FetchMoreResultsAsync(CancellationToken cancellationToken = default)
    {
        if (PagingState is null || _fetchPage is null) return;
        var next = await _fetchPage(PagingState, cancellationToken).ConfigureAwait(false);
        _rows.AddRange(next._rows);
        PagingState = next.PagingState;
        Info = next.Info;
    }

    /// <summary>The rows, as DataStax's RowSet.GetRows().</summary>
    public IEnumerable<Row> GetRows() => this;

    /// <summary>Enumerates the loaded rows, fetching following pages (blocking) when auto-paging is on.</summary>
    public IEnumerator<Row> GetEnumerator()
    {
        for (var i = 0; ; i++)
        {
            // A page may come back empty with more to follow, hence a loop.
            while (i == _rows.Count)
            {
                if (!_autoPage || IsFullyFetched) yield break;
                // IEnumerable is synchronous; use FetchMoreResultsAsync to page without blocking.
                FetchMoreResultsAsync().GetAwaiter().GetResult();
            }
            yield return _rows[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
