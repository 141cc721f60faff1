namespace UserStream.Cql.TestServer.Cql;

/// <summary>A value position in a statement: a constant written in the text or a bind marker.</summary>
internal abstract record Term;

/// <summary>A constant in the CQL text, kept as written until its column type is known.</summary>
internal sealed record LiteralTerm(LiteralKind Kind, string Text) : Term;

/// <summary>A bind marker: <c>?</c> (Name null) or <c>:name</c>; Index counts markers from 0 in text order.</summary>
internal sealed record BindMarker(int Index, string? Name) : Term;
