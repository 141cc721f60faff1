using UserStream.Cql.TestServer.Cql;
using UserStream.Cql.TestServer.Data;
using UserStream.Cql.TestServer.Protocol;

namespace UserStream.Cql.TestServer.Execution;

/// <summary>The values bound to one statement's markers, in marker order, and term evaluation against them.</summary>
internal sealed class BoundValues(IReadOnlyList<BoundValue> values)
{
    public static readonly BoundValues None = new([]);

    public int Count => values.Count;

    /// <summary>Puts values sent by name into marker order, using each marker's variable name.</summary>
    public static BoundValues FromNamed(IReadOnlyList<string> names, IReadOnlyList<BoundValue> values, IReadOnlyList<ColumnSpec> variables)
    {
        var byName = new Dictionary<string, BoundValue>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++) byName[names[i]] = values[i];
        var ordered = variables.Select(v => byName.TryGetValue(v.Name, out var value)
            ? value
            : throw new CqlRequestException(CqlServerError.Invalid($"No value has been provided for bind variable {v.Name}"))).ToList();
        return new BoundValues(ordered);
    }

    /// <summary>The serialized value a term stands for, checked against the column type.</summary>
    public BoundValue Resolve(Term term, CqlType type, string column)
    {
        switch (term)
        {
            case LiteralTerm literal:
                var encoded = ValueCodec.Encode(literal, type, column);
                return encoded is null ? BoundValue.Null : BoundValue.Of(encoded);
            case BindMarker marker:
                if (marker.Index >= values.Count)
                    throw new CqlRequestException(CqlServerError.Invalid($"no value was bound for marker {marker.Index} ({column})"));
                var value = values[marker.Index];
                if (value.Bytes is { } bytes) ValueCodec.Validate(bytes, type, column);
                return value;
            default:
                throw new InvalidOperationException($"unknown term {term}");
        }
    }

    /// <summary>A value that must be present: key columns, LIMIT.</summary>
    public byte[] ResolveRequired(Term term, CqlType type, string column)
    {
        var value = Resolve(term, type, column);
        if (value.IsNotSet)
            throw new CqlRequestException(CqlServerError.Invalid($"Invalid unset value for column {column}"));
        return value.Bytes ?? throw new CqlRequestException(CqlServerError.Invalid($"Invalid null value for column {column}"));
    }
}
