namespace UserStream.Cql.TestServer.Cql;

internal enum TokenKind
{
    Identifier,
    QuotedIdentifier,
    Literal,
    Symbol,
    QuestionMark,
    NamedMarker,
    End,
}

/// <summary>One lexical unit of CQL text. For literals, <see cref="LiteralKind"/> says which kind.</summary>
internal sealed record Token(TokenKind Kind, string Text, int Position, LiteralKind LiteralKind = LiteralKind.Null)
{
    public bool IsKeyword(string keyword) => Kind == TokenKind.Identifier && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && Text == symbol;
}
