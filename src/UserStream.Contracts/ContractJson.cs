using System.Text.Json;
using System.Text.Json.Serialization;

namespace UserStream.Contracts;

/// <summary>The one set of JSON options used for everything on the wire.</summary>
public static class ContractJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
