namespace UserStream.Cql.TestServer.Cql;

/// <summary>Recursive-descent parser for the CQL subset the user store and connecting drivers use.</summary>
internal sealed class CqlParser
{
    private readonly List<Token> _tokens;
    private int _position;
    private int _markerCount;

    private CqlParser(string text) => _tokens = CqlLexer.Tokenize(text);

    /// <summary>Parses one statement; the number of bind markers is returned with it.</summary>
    public static (CqlStatement Statement, int MarkerCount) Parse(string text)
    {
        var parser = new CqlParser(text);
        var statement = parser.ParseStatement();
        parser.AcceptSymbol(";");
        parser.ExpectEnd();
        return (statement, parser._markerCount);
    }

    private Token Current => _tokens[_position];

    private CqlStatement ParseStatement()
    {
        if (AcceptKeyword("CREATE"))
        {
            if (AcceptKeyword("KEYSPACE") || AcceptKeyword("SCHEMA")) return ParseCreateKeyspace();
            if (AcceptKeyword("TABLE") || AcceptKeyword("COLUMNFAMILY")) return ParseCreateTable();
            throw Unexpected("KEYSPACE or TABLE");
        }
        if (AcceptKeyword("DROP"))
        {
            var isKeyspace = AcceptKeyword("KEYSPACE");
            if (!isKeyspace) ExpectKeyword("TABLE");
            var ifExists = AcceptKeyword("IF") && ExpectKeyword("EXISTS");
            return new DropStatement(isKeyspace, isKeyspace ? new TableName(null, ParseName()) : ParseTableName(), ifExists);
        }
        if (AcceptKeyword("TRUNCATE"))
        {
            AcceptKeyword("TABLE");
            return new TruncateStatement(ParseTableName());
        }
        if (AcceptKeyword("USE")) return new UseStatement(ParseName());
        if (AcceptKeyword("INSERT")) return ParseInsert();
        if (AcceptKeyword("UPDATE")) return ParseUpdate();
        if (AcceptKeyword("DELETE")) return ParseDelete();
        if (AcceptKeyword("SELECT")) return ParseSelect();
        if (AcceptKeyword("BEGIN")) return ParseBatchBlock();
        throw Unexpected("a statement");
    }

    private CreateKeyspaceStatement ParseCreateKeyspace()
    {
        var ifNotExists = ParseIfNotExists();
        var name = ParseName();
        ExpectKeyword("WITH");
        var replication = new Dictionary<string, string>(StringComparer.Ordinal);
        do
        {
            var property = ParseName();
            ExpectSymbol("=");
            if (property == "replication") replication = ParseStringMap();
            else Advance(); // durable_writes = true and the like: accepted, not modelled
        }
        while (AcceptKeyword("AND"));
        return new CreateKeyspaceStatement(name, ifNotExists, replication);
    }

    private CreateTableStatement ParseCreateTable()
    {
        var ifNotExists = ParseIfNotExists();
        var table = ParseTableName();
        ExpectSymbol("(");
        var columns = new List<ColumnDefinition>();
        var partitionKey = new List<string>();
        var clustering = new List<string>();
        do
        {
            if (AcceptKeyword("PRIMARY"))
            {
                ExpectKeyword("KEY");
                ExpectSymbol("(");
                if (AcceptSymbol("("))
                {
                    partitionKey.AddRange(ParseNameList());
                    ExpectSymbol(")");
                }
                else partitionKey.Add(ParseName());
                while (AcceptSymbol(",")) clustering.Add(ParseName());
                ExpectSymbol(")");
                continue;
            }
            var name = ParseName();
            var (typeName, parameters) = ParseType();
            columns.Add(new ColumnDefinition(name, typeName, parameters));
            if (AcceptKeyword("PRIMARY"))
            {
                ExpectKeyword("KEY");
                partitionKey.Add(name);
            }
        }
        while (AcceptSymbol(","));
        ExpectSymbol(")");
        if (AcceptKeyword("WITH")) SkipToEnd(); // table options are accepted and ignored
        return new CreateTableStatement(table, ifNotExists, columns, partitionKey, clustering);
    }

    private (string Name, IReadOnlyList<string> Parameters) ParseType()
    {
        var name = ParseName();
        if (name == "frozen")
        {
            ExpectSymbol("<");
            var inner = ParseType();
            ExpectSymbol(">");
            return inner;
        }
        if (!AcceptSymbol("<")) return (name, []);
        var parameters = new List<string> { ParseType().Name };
        while (AcceptSymbol(",")) parameters.Add(ParseType().Name);
        ExpectSymbol(">");
        return (name, parameters);
    }

    private InsertStatement ParseInsert()
    {
        ExpectKeyword("INTO");
        var table = ParseTableName();
        ExpectSymbol("(");
        var columns = ParseNameList();
        ExpectSymbol(")");
        ExpectKeyword("VALUES");
        ExpectSymbol("(");
        var values = new List<Term> { ParseTerm() };
        while (AcceptSymbol(",")) values.Add(ParseTerm());
        ExpectSymbol(")");
        if (columns.Count != values.Count)
            throw new CqlRequestException(CqlServerError.Invalid("Unmatched column names/values"));
        if (AcceptKeyword("IF"))
            throw new CqlRequestException(CqlServerError.Invalid("lightweight transactions are not supported by the test server"));
        SkipUsing();
        return new InsertStatement(table, columns, values);
    }

    private UpdateStatement ParseUpdate()
    {
        var table = ParseTableName();
        SkipUsing();
        ExpectKeyword("SET");
        var assignments = new List<(string, Term)>();
        do
        {
            var column = ParseName();
            ExpectSymbol("=");
            assignments.Add((column, ParseTerm()));
        }
        while (AcceptSymbol(","));
        return new UpdateStatement(table, assignments, ParseWhere());
    }

    private DeleteStatement ParseDelete()
    {
        var columns = new List<string>();
        if (!Current.IsKeyword("FROM")) columns.AddRange(ParseNameList());
        ExpectKeyword("FROM");
        var table = ParseTableName();
        SkipUsing();
        return new DeleteStatement(table, columns, ParseWhere());
    }

    private SelectStatement ParseSelect()
    {
        List<string>? columns = null;
        var count = false;
        if (AcceptSymbol("*")) { }
        else if (Current.IsKeyword("COUNT") && _tokens[_position + 1].IsSymbol("("))
        {
            Advance();
            ExpectSymbol("(");
            if (!AcceptSymbol("*")) ExpectLiteral();
            ExpectSymbol(")");
            count = true;
        }
        else columns = ParseNameList();
        ExpectKeyword("FROM");
        var table = ParseTableName();
        var where = Current.IsKeyword("WHERE") ? ParseWhere() : new List<Relation>();
        Term? limit = null;
        if (AcceptKeyword("LIMIT")) limit = ParseTerm();
        var allowFiltering = AcceptKeyword("ALLOW") && ExpectKeyword("FILTERING");
        return new SelectStatement(table, columns, count, where, limit, allowFiltering);
    }

    private BatchBlockStatement ParseBatchBlock()
    {
        if (!AcceptKeyword("UNLOGGED")) AcceptKeyword("LOGGED");
        ExpectKeyword("BATCH");
        SkipUsing();
        var statements = new List<CqlStatement>();
        while (!AcceptKeyword("APPLY"))
        {
            var statement = ParseStatement();
            if (statement is not (InsertStatement or UpdateStatement or DeleteStatement))
                throw new CqlRequestException(CqlServerError.Invalid("Only INSERT, UPDATE and DELETE statements are allowed in a batch"));
            statements.Add(statement);
            AcceptSymbol(";");
        }
        ExpectKeyword("BATCH");
        return new BatchBlockStatement(statements);
    }

    private List<Relation> ParseWhere()
    {
        ExpectKeyword("WHERE");
        var relations = new List<Relation>();
        do
        {
            var column = ParseName();
            if (AcceptKeyword("IN"))
            {
                ExpectSymbol("(");
                var values = new List<Term> { ParseTerm() };
                while (AcceptSymbol(",")) values.Add(ParseTerm());
                ExpectSymbol(")");
                relations.Add(new Relation(column, values));
            }
            else
            {
                if (!AcceptSymbol("="))
                    throw new CqlRequestException(CqlServerError.Invalid($"only = and IN restrictions are supported by the test server (at \"{Current.Text}\")"));
                relations.Add(new Relation(column, [ParseTerm()]));
            }
        }
        while (AcceptKeyword("AND"));
        if (AcceptKeyword("IF"))
            throw new CqlRequestException(CqlServerError.Invalid("lightweight transactions are not supported by the test server"));
        return relations;
    }

    private Term ParseTerm()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.QuestionMark:
                Advance();
                return new BindMarker(_markerCount++, null);
            case TokenKind.NamedMarker:
                Advance();
                return new BindMarker(_markerCount++, token.Text);
            case TokenKind.Literal:
                Advance();
                return new LiteralTerm(token.LiteralKind, token.Text);
            default:
                throw Unexpected("a value");
        }
    }

    private Dictionary<string, string> ParseStringMap()
    {
        ExpectSymbol("{");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (AcceptSymbol("}")) return map;
        do
        {
            var key = ExpectLiteral().Text;
            ExpectSymbol(":");
            map[key] = ExpectLiteral().Text;
        }
        while (AcceptSymbol(","));
        ExpectSymbol("}");
        return map;
    }

    private TableName ParseTableName()
    {
        var first = ParseName();
        return AcceptSymbol(".") ? new TableName(first, ParseName()) : new TableName(null, first);
    }

    private List<string> ParseNameList()
    {
        var names = new List<string> { ParseName() };
        while (AcceptSymbol(",")) names.Add(ParseName());
        return names;
    }

    /// <summary>An identifier: unquoted names are case-insensitive (lower-cased), quoted names kept as written.</summary>
    private string ParseName()
    {
        var token = Current;
        if (token.Kind == TokenKind.Identifier) { Advance(); return token.Text.ToLowerInvariant(); }
        if (token.Kind == TokenKind.QuotedIdentifier) { Advance(); return token.Text; }
        throw Unexpected("a name");
    }

    private bool ParseIfNotExists()
    {
        if (!AcceptKeyword("IF")) return false;
        ExpectKeyword("NOT");
        ExpectKeyword("EXISTS");
        return true;
    }

    private void SkipUsing()
    {
        if (!AcceptKeyword("USING")) return;
        do
        {
            Advance(); // TTL or TIMESTAMP
            ParseTerm();
        }
        while (AcceptKeyword("AND"));
    }

    private void SkipToEnd()
    {
        while (Current.Kind != TokenKind.End && !Current.IsSymbol(";")) Advance();
    }

    private Token ExpectLiteral()
    {
        if (Current.Kind != TokenKind.Literal) throw Unexpected("a constant");
        var token = Current;
        Advance();
        return token;
    }

    private bool AcceptKeyword(string keyword)
    {
        if (!Current.IsKeyword(keyword)) return false;
        Advance();
        return true;
    }

    private bool ExpectKeyword(string keyword) => AcceptKeyword(keyword) ? true : throw Unexpected(keyword);

    private bool AcceptSymbol(string symbol)
    {
        if (!Current.IsSymbol(symbol)) return false;
        Advance();
        return true;
    }

    private void ExpectSymbol(string symbol)
    {
        if (!AcceptSymbol(symbol)) throw Unexpected($"'{symbol}'");
    }

    private void ExpectEnd()
    {
        if (Current.Kind != TokenKind.End) throw Unexpected("the end of the statement");
    }

    private void Advance()
    {
        if (_position < _tokens.Count - 1) _position++;
    }

    private CqlRequestException Unexpected(string expected) =>
        new(CqlServerError.Syntax(
            $"line 1:{Current.Position} expecting {expected} but found {(Current.Kind == TokenKind.End ? "end of input" : $"'{Current.Text}'")}"));
}
