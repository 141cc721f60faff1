namespace UserStream.Cql.TestServer.Data;

/// <summary>A column type: a native type by its protocol option id, or a collection of native types.</summary>
internal sealed record CqlType(string Name, ushort OptionId, IReadOnlyList<CqlType> Parameters)
{
    private static readonly Dictionary<string, ushort> NativeIds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ascii"] = 0x0001, ["bigint"] = 0x0002, ["blob"] = 0x0003, ["boolean"] = 0x0004,
        ["counter"] = 0x0005, ["decimal"] = 0x0006, ["double"] = 0x0007, ["float"] = 0x0008,
        ["int"] = 0x0009, ["timestamp"] = 0x000B, ["uuid"] = 0x000C, ["text"] = 0x000D,
        ["varchar"] = 0x000D, ["varint"] = 0x000E, ["timeuuid"] = 0x000F, ["inet"] = 0x0010,
        ["date"] = 0x0011, ["time"] = 0x0012, ["smallint"] = 0x0013, ["tinyint"] = 0x0014,
    };

    private static readonly Dictionary<string, ushort> CollectionIds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["list"] = 0x0020, ["map"] = 0x0021, ["set"] = 0x0022,
    };

    public static readonly CqlType Text = Native("text");
    public static readonly CqlType Int = Native("int");
    public static readonly CqlType BigInt = Native("bigint");
    public static readonly CqlType Uuid = Native("uuid");
    public static readonly CqlType Inet = Native("inet");
    public static readonly CqlType Boolean = Native("boolean");

    public bool IsCollection => Parameters.Count > 0;

    public static bool IsNativeName(string name) => NativeIds.ContainsKey(name);

    public static bool IsCollectionName(string name) => CollectionIds.ContainsKey(name);

    public static CqlType Native(string name) =>
        NativeIds.TryGetValue(name, out var id)
            ? new CqlType(name.ToLowerInvariant() == "varchar" ? "text" : name.ToLowerInvariant(), id, [])
            : throw new CqlRequestException(CqlServerError.Invalid($"Unknown type {name}"));

    public static CqlType Collection(string name, IReadOnlyList<CqlType> parameters)
    {
        var id = CollectionIds[name];
        var expected = id == 0x0021 ? 2 : 1;
        if (parameters.Count != expected)
            throw new CqlRequestException(CqlServerError.Syntax($"{name} takes {expected} type parameter(s)"));
        if (parameters.Any(p => p.IsCollection))
            throw new CqlRequestException(CqlServerError.Invalid("nested collections are not supported by the test server"));
        return new CqlType(name.ToLowerInvariant(), id, parameters);
    }

    public override string ToString() => IsCollection ? $"{Name}<{string.Join(", ", Parameters)}>" : Name;
}
