namespace UserStream.Cql;

/// <summary>CQL type ids as the protocol's [option] notation carries them.</summary>
public enum ColumnTypeCode : ushort
{
    /// <summary>A server-side custom type, named by its Java class.</summary>
    Custom = 0x0000,
    /// <summary>ASCII string.</summary>
    Ascii = 0x0001,
    /// <summary>64-bit signed integer.</summary>
    Bigint = 0x0002,
    /// <summary>Arbitrary bytes.</summary>
    Blob = 0x0003,
    /// <summary>true/false.</summary>
    Boolean = 0x0004,
    /// <summary>64-bit counter.</summary>
    Counter = 0x0005,
    /// <summary>Arbitrary-precision decimal.</summary>
    Decimal = 0x0006,
    /// <summary>64-bit IEEE float.</summary>
    Double = 0x0007,
    /// <summary>32-bit IEEE float.</summary>
    Float = 0x0008,
    /// <summary>32-bit signed integer.</summary>
    Int = 0x0009,
    /// <summary>Milliseconds since the Unix epoch.</summary>
    Timestamp = 0x000B,
    /// <summary>UUID.</summary>
    Uuid = 0x000C,
    /// <summary>UTF-8 string (text).</summary>
    Varchar = 0x000D,
    /// <summary>Arbitrary-precision integer.</summary>
    Varint = 0x000E,
    /// <summary>Version 1 (time-based) UUID.</summary>
    Timeuuid = 0x000F,
    /// <summary>IPv4 or IPv6 address.</summary>
    Inet = 0x0010,
    /// <summary>Day without time, days since the epoch offset by 2^31.</summary>
    Date = 0x0011,
    /// <summary>Nanoseconds since midnight.</summary>
    Time = 0x0012,
    /// <summary>16-bit signed integer.</summary>
    Smallint = 0x0013,
    /// <summary>8-bit signed integer.</summary>
    Tinyint = 0x0014,
    /// <summary>Ordered collection.</summary>
    List = 0x0020,
    /// <summary>Key/value collection.</summary>
    Map = 0x0021,
    /// <summary>Unique-element collection.</summary>
    Set = 0x0022,
    /// <summary>User-defined type.</summary>
    Udt = 0x0030,
    /// <summary>Fixed-length tuple.</summary>
    Tuple = 0x0031,
}
