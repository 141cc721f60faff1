namespace UserStream.Contracts.Messages;

/// <summary>Values of the <see cref="MessageHeaders.DeadLetterReason"/> header (README: "Bad messages" lists what each means).</summary>
public static class DeadLetterReasons
{
    public const string InvalidJson = "invalid-json";
    public const string MissingSchema = "missing-schema";
    public const string UnknownSchema = "unknown-schema";
    public const string UnsupportedSchemaVersion = "unsupported-schema-version";
    public const string MissingFields = "missing-fields";
    public const string KeyMismatch = "key-mismatch";

    /// <summary>A header the processor reads (<c>schema</c>) is not UTF-8 text.</summary>
    public const string InvalidHeader = "invalid-header";

    /// <summary>A text field holds a NUL character (U+0000), which neither store keeps.</summary>
    public const string NulCharacter = "nul-character";

    /// <summary>A text field is longer than its documented maximum (see <c>StoredUserLimits</c> in the processor).</summary>
    public const string FieldTooLong = "field-too-long";

    /// <summary>The e-mail is not an address (one <c>@</c>, a local part, a dotted domain).</summary>
    public const string InvalidEmail = "invalid-email";

    /// <summary>Preparing the message failed in a way no check foresaw; the detail is the exception's message.</summary>
    public const string Unprocessable = "unprocessable";

    /// <summary>The user store refused the user permanently; the detail is the store's error.</summary>
    public const string StoreRejected = "store-rejected";

    /// <summary>Every reason, in the order of the README's table.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        MissingSchema, InvalidHeader, UnknownSchema, UnsupportedSchemaVersion, InvalidJson, MissingFields, KeyMismatch,
        NulCharacter, FieldTooLong, InvalidEmail, Unprocessable, StoreRejected,
    ];
}
