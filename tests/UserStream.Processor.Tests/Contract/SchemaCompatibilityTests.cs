using System.Text;
using System.Text.Json.Nodes;
using UserStream.Contracts.Messages;

namespace UserStream.Processor.Tests.Contract;

/// <summary>
/// The schema in src/ against the published user-created/v1 (Contract/Published, copied when v1 shipped): a change
/// that would break a reader or writer of v1 fails here, and needs a v2 instead.
/// </summary>
public sealed class SchemaCompatibilityTests
{
    private static JsonNode Published() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contract", "Published", "user-created.v1.json")))!;

    private static JsonNode Current() => JsonNode.Parse(Encoding.UTF8.GetString(MessageSchema.UserCreatedV1Document.Span))!;

    [Fact]
    public void The_schema_in_the_source_is_compatible_with_the_published_v1() =>
        Assert.Empty(SchemaCompatibility.BreakingChanges(Published(), Current()));

    public static TheoryData<string, string> Incompatible => new()
    {
        { "remove email", "/user/email: required member removed" },
        { "make nat optional", "/user/nat: required member made optional" },
        { "require phone", "/user/phone: member made required" },
        { "add a required member", "/user/verified: member made required" },
        { "street number as text", "/user/location/street/number: type narrowed" },
        { "postcode only text", "/user/location/postcode: type narrowed" },
        { "names at most 20 characters", "/user/name/first: maxLength added" },
        { "gender from a list", "/user/gender: enum added" },
        { "email of another form", "/user/email: pattern changed" },
        { "closed user", "/user: additionalProperties closed" },
    };

    [Theory]
    [MemberData(nameof(Incompatible))]
    public void A_deliberately_incompatible_change_is_named(string change, string expected)
    {
        var schema = Published();
        Apply(change, schema);

        var breaking = SchemaCompatibility.BreakingChanges(Published(), schema);

        Assert.Contains(breaking, b => b.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("add an optional member")]
    [InlineData("reword a description")]
    [InlineData("gender may also be a number")]
    public void A_compatible_change_passes(string change)
    {
        var schema = Published();
        Apply(change, schema);

        Assert.Empty(SchemaCompatibility.BreakingChanges(Published(), schema));
    }

    private static void Apply(string change, JsonNode schema)
    {
        var user = schema["properties"]!["user"]!;
        var userProperties = user["properties"]!.AsObject();
        var userRequired = user["required"]!.AsArray();
        switch (change)
        {
            case "remove email":
                userProperties.Remove("email");
                RemoveName(userRequired, "email");
                break;
            case "make nat optional":
                RemoveName(userRequired, "nat");
                break;
            case "require phone":
                userRequired.Add("phone");
                break;
            case "add a required member":
                userProperties["verified"] = new JsonObject { ["type"] = "boolean" };
                userRequired.Add("verified");
                break;
            case "street number as text":
                userProperties["location"]!["properties"]!["street"]!["properties"]!["number"] = new JsonObject { ["type"] = "string" };
                break;
            case "postcode only text":
                userProperties["location"]!["properties"]!["postcode"]!["type"] = "string";
                break;
            case "names at most 20 characters":
                userProperties["name"]!["properties"]!["first"]!["maxLength"] = 20;
                break;
            case "gender from a list":
                userProperties["gender"]!["enum"] = new JsonArray("female", "male", null);
                break;
            case "email of another form":
                userProperties["email"]!["pattern"] = "^[^@]+@[^@]+$";
                break;
            case "closed user":
                user["additionalProperties"] = false;
                break;
            case "add an optional member":
                userProperties["nickname"] = new JsonObject { ["type"] = new JsonArray("string", "null") };
                break;
            case "reword a description":
                schema["description"] = "Reworded.";
                break;
            case "gender may also be a number":
                userProperties["gender"]!["type"] = new JsonArray("string", "null", "number");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }

    private static void RemoveName(JsonArray names, string name) =>
        names.Remove(names.Single(n => n!.GetValue<string>() == name));
}
