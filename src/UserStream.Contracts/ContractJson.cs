using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace UserStream.Contracts;

/// <summary>The one set of JSON options used for everything on the wire.</summary>
public static class ContractJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Names in Persian, Ukrainian or Serbian stay readable UTF-8, as randomuser.me writes them.
        // Safe here: this JSON goes to Kafka and API clients, never into an HTML page.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// How a message is read: as its JSON Schema says (Schemas/*.json), member names as written (<c>RunId</c> is not
    /// <c>runId</c>) and numbers as numbers (<c>"12"</c> is not 12). Writing is as <see cref="Options"/>.
    /// </summary>
    public static readonly JsonSerializerOptions MessageReadOptions = new(Options)
    {
        PropertyNameCaseInsensitive = false,
        NumberHandling = JsonNumberHandling.Strict,
    };
}
