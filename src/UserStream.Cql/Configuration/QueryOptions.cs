namespace UserStream.Cql;

/// <summary>Defaults for statements that do not set their own.</summary>
public sealed class QueryOptions
{
    /// <summary>Default consistency; LOCAL_ONE as in DataStax.</summary>
    public ConsistencyLevel ConsistencyLevel { get; private set; } = ConsistencyLevel.LocalOne;

    /// <summary>Default serial consistency; null leaves the server's default (SERIAL).</summary>
    public ConsistencyLevel? SerialConsistencyLevel { get; private set; }

    /// <summary>Default page size; 5000 as in DataStax.</summary>
    public int PageSize { get; private set; } = 5000;

    /// <summary>Sets the default consistency.</summary>
    public QueryOptions SetConsistencyLevel(ConsistencyLevel consistency)
    {
        ConsistencyLevel = consistency;
        return this;
    }

    /// <summary>Sets the default serial consistency.</summary>
    public QueryOptions SetSerialConsistencyLevel(ConsistencyLevel serialConsistency)
    {
        SerialConsistencyLevel = serialConsistency;
        return this;
    }

    /// <summary>Sets the default page size.</summary>
    public QueryOptions SetPageSize(int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        PageSize = pageSize;
        return this;
    }
}
