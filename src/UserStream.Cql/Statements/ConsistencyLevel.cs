namespace UserStream.Cql;

/// <summary>How many replicas must answer; values are the protocol's [consistency] codes.</summary>
public enum ConsistencyLevel : ushort
{
    /// <summary>Any node, hints included (writes only).</summary>
    Any = 0x0000,
    /// <summary>One replica.</summary>
    One = 0x0001,
    /// <summary>Two replicas.</summary>
    Two = 0x0002,
    /// <summary>Three replicas.</summary>
    Three = 0x0003,
    /// <summary>A majority of replicas across data centres.</summary>
    Quorum = 0x0004,
    /// <summary>Every replica.</summary>
    All = 0x0005,
    /// <summary>A majority of replicas in the local data centre.</summary>
    LocalQuorum = 0x0006,
    /// <summary>A majority of replicas in each data centre.</summary>
    EachQuorum = 0x0007,
    /// <summary>Paxos across data centres (serial consistency of conditional statements).</summary>
    Serial = 0x0008,
    /// <summary>Paxos in the local data centre (serial consistency of conditional statements).</summary>
    LocalSerial = 0x0009,
    /// <summary>One replica in the local data centre.</summary>
    LocalOne = 0x000A,
}
