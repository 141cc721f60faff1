using System.Text;
using System.Text.RegularExpressions;

namespace UserStream.Cql.TestServer.Cql;

/// <summary>Splits CQL text into tokens: identifiers, quoted names, constants, markers and symbols.</summary>
internal static partial class CqlLexer
{
    [GeneratedRegex(@"\G[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex UuidPattern();

    [GeneratedRegex(@"\G-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\G0[xX][0-9a-fA-F]*")]
    private static partial Regex HexPattern();

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '-' && i + 1 < text.Length && text[i + 1] == '-') { i = SkipLine(text, i); continue; }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*') { i = SkipBlock(text, i); continue; }

            Match m;
            if ((m = UuidPattern().Match(text, i)).Success)
                tokens.Add(new Token(TokenKind.Literal, m.Value, i, LiteralKind.Uuid));
            else if ((m = HexPattern().Match(text, i)).Success)
                tokens.Add(new Token(TokenKind.Literal, m.Value, i, LiteralKind.Hex));
            else if ((char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
                     && (m = NumberPattern().Match(text, i)).Success)
                tokens.Add(new Token(TokenKind.Literal, m.Value, i, m.Groups[1].Success || m.Groups[2].Success ? LiteralKind.Float : LiteralKind.Integer));
            else if (c == '\'')
            {
                var (value, end) = ReadQuoted(text, i, '\'');
                tokens.Add(new Token(TokenKind.Literal, value, i, LiteralKind.String));
                i = end;
                continue;
            }
            else if (c == '"')
            {
                var (value, end) = ReadQuoted(text, i, '"');
                tokens.Add(new Token(TokenKind.QuotedIdentifier, value, i));
                i = end;
                continue;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
                var word = text[start..i];
                var kind = word.ToLowerInvariant() switch
                {
                    "true" or "false" => LiteralKind.Boolean,
                    "null" => LiteralKind.Null,
                    _ => (LiteralKind?)null,
                };
                tokens.Add(kind is { } k ? new Token(TokenKind.Literal, word, start, k) : new Token(TokenKind.Identifier, word, start));
                continue;
            }
            else if (c == '?')
                tokens.Add(new Token(TokenKind.QuestionMark, "?", i));
            else if (c == ':' && i + 1 < text.Length && (char.IsAsciiLetter(text[i + 1]) || text[i + 1] == '_'))
            {
                var start = ++i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
                tokens.Add(new Token(TokenKind.NamedMarker, text[start..i].ToLowerInvariant(), start - 1));
                continue;
            }
            else if ((c is '<' or '>' or '!') && i + 1 < text.Length && text[i + 1] == '=')
            {
                tokens.Add(new Token(TokenKind.Symbol, text.Substring(i, 2), i));
                i += 2;
                continue;
            }
            else if ("(),;=*.{}:[]<>+-".Contains(c))
                tokens.Add(new Token(TokenKind.Symbol, c.ToString(), i));
            else
                throw new CqlRequestException(CqlServerError.Syntax($"line 1:{i} unexpected character '{c}'"));

            i += m.Success ? m.Length : 1;
        }
        tokens.Add(new Token(TokenKind.End, "", text.Length));
        return tokens;
    }

    private static (string Value, int End) ReadQuoted(string text, int start, char quote)
    {
        var builder = new StringBuilder();
        var i = start + 1;
        while (i < text.Length)
        {
            if (text[i] == quote)
            {
                // A doubled quote stands for one quote character.
                if (i + 1 < text.Length && text[i + 1] == quote) { builder.Append(quote); i += 2; continue; }
                return (builder.ToString(), i + 1);
            }
            builder.Append(text[i++]);
        }
        throw new CqlRequestException(CqlServerError.Syntax($"line 1:{start} unterminated {(quote == '\'' ? "string" : "quoted name")}"));
    }

    private static int SkipLine(string text, int i)
    {
        var end = text.IndexOf('\n', i);
        return end < 0 ? text.Length : end + 1;
    }

    private static int SkipBlock(string text, int i)
    {
        var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
        return end < 0 ? text.Length : end + 2;
    }
}
