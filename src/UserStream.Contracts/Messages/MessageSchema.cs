namespace UserStream.Contracts.Messages;

/// <summary>Schema names carried in the <see cref="MessageHeaders.Schema"/> header, as "name/vMAJOR[.MINOR]".</summary>
public static class MessageSchema
{
    public const string UserCreatedName = "user-created";
    public const int UserCreatedMajor = 1;
    public const string UserCreatedV1 = "user-created/v1";
    public const string JsonContentType = "application/json";

    /// <summary>The media type of a JSON Schema document.</summary>
    public const string SchemaContentType = "application/schema+json";

    /// <summary>The JSON Schema of <see cref="UserCreatedV1"/> (src/UserStream.Contracts/Schemas/user-created.v1.json).</summary>
    public static ReadOnlyMemory<byte> UserCreatedV1Document => Document(UserCreatedName, UserCreatedMajor)!.Value;

    /// <summary>The JSON Schema of <paramref name="name"/> at major version <paramref name="major"/>; null when there is none.</summary>
    public static ReadOnlyMemory<byte>? Document(string name, int major)
    {
        using var stream = typeof(MessageSchema).Assembly.GetManifestResourceStream($"UserStream.Contracts.Schemas.{name}.v{major}.json");
        if (stream is null)
            return null;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return (ReadOnlyMemory<byte>?)copy.ToArray();
    }

    /// <summary>Splits "user-created/v1.2" into its name and major version; false when the text is not of that form.</summary>
    public static bool TryParse(string? schema, out string name, out int major)
    {
        name = "";
        major = 0;
        if (string.IsNullOrWhiteSpace(schema))
            return false;
        var slash = schema.LastIndexOf('/');
        if (slash <= 0 || slash + 2 > schema.Length || schema[slash + 1] != 'v')
            return false;
        var version = schema[(slash + 2)..];
        var dot = version.IndexOf('.');
        var majorText = dot < 0 ? version : version[..dot];
        if (!int.TryParse(majorText, out major) || major < 0)
            return false;
        name = schema[..slash];
        return true;
    }
}
