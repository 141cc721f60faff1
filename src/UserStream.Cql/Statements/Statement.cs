namespace UserStream.Cql;

/// <summary>Options shared by every kind of statement.</summary>
public abstract class Statement : IStatement
{
    /// <inheritdoc />
    public ConsistencyLevel? ConsistencyLevel { get; private set; }

    /// <inheritdoc />
    public ConsistencyLevel? SerialConsistencyLevel { get; private set; }

    /// <inheritdoc />
    public int PageSize { get; private set; }

    /// <inheritdoc />
    public byte[]? PagingState { get; private set; }

    /// <inheritdoc />
    public bool AutoPage { get; private set; } = true;

    /// <inheritdoc />
    public int ReadTimeoutMillis { get; private set; }

    /// <summary>The CQL text, without values; what traces show.</summary>
    public abstract string QueryString { get; }

    /// <inheritdoc />
    public IStatement SetConsistencyLevel(ConsistencyLevel? consistency)
    {
        ConsistencyLevel = consistency;
        return this;
    }

    /// <inheritdoc />
    public IStatement SetSerialConsistencyLevel(ConsistencyLevel serialConsistency)
    {
        if (serialConsistency is not (Cql.ConsistencyLevel.Serial or Cql.ConsistencyLevel.LocalSerial))
            throw new ArgumentException("Serial consistency must be Serial or LocalSerial.", nameof(serialConsistency));
        SerialConsistencyLevel = serialConsistency;
        return this;
    }

    /// <inheritdoc />
    public IStatement SetPageSize(int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pageSize);
        PageSize = pageSize;
        return this;
    }

    /// <inheritdoc />
    public IStatement SetPagingState(byte[]? pagingState)
    {
        PagingState = pagingState;
        return this;
    }

    /// <inheritdoc />
    public IStatement SetAutoPage(bool autoPage)
    {
        AutoPage = autoPage;
        return this;
    }

    /// <inheritdoc />
    public IStatement SetReadTimeoutMillis(int timeoutMillis)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timeoutMillis);
        ReadTimeoutMillis = timeoutMillis;
        return this;
    }
}
