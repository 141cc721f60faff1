namespace UserStream.Cql.TestServer.Cql;

/// <summary>The lexical kinds of constants CQL text can contain.</summary>
internal enum LiteralKind
{
    String,
    Integer,
    Float,
    Uuid,
    Hex,
    Boolean,
    Null,
}
