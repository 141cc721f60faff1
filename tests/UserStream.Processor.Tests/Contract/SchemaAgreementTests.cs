using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using UserStream.Contracts;
using UserStream.Contracts.Messages;
using UserStream.Processor.Messages;
using UserStream.Testing;

namespace UserStream.Processor.Tests.Contract;

/// <summary>
/// One source of truth: the processor reads a message as valid exactly when the schema file accepts it. A valid message
/// is changed in every member (removed, null, blank, of another type, ...) and each change is put to both; they must
/// agree on every one, except the differences this class names and pins down.
/// </summary>
public sealed class SchemaAgreementTests
{
    private static readonly JsonNode?[] Replacements =
    [
        null, JsonValue.Create(""), JsonValue.Create("  "), JsonValue.Create("x"), JsonValue.Create(5), JsonValue.Create(-1.5),
        JsonValue.Create(true), new JsonObject(), new JsonArray(), JsonValue.Create("12"), JsonValue.Create("a@b"),
        JsonValue.Create("2026-12-04T10:00:00Z"), JsonValue.Create(Guid.NewGuid().ToString()), JsonValue.Create(2147483648L),
    ];

    [Fact]
    public void The_parser_and_the_schema_agree_on_every_change_to_every_member_of_a_valid_message()
    {
        var cases = Cases().ToList();
        var disagreements = cases
            .Select(c => (c.What, Parser: ParserAccepts(c.Message), Schema: UserCreatedSchema.Evaluate(c.Message)))
            .Where(r => r.Parser != r.Schema.Valid)
            .Select(r => $"{r.What}: parser {(r.Parser ? "accepts" : "refuses")}, schema {(r.Schema.Valid ? "accepts" : "refuses: " + r.Schema.Errors)}")
            .ToList();

        Assert.True(cases.Count > 500, $"only {cases.Count} cases");
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {cases.Count} disagree:\n" + string.Join("\n", disagreements.Take(40)));
        // Both accept some and refuse others: the comparison is not of two constant answers.
        Assert.Contains(cases, c => ParserAccepts(c.Message));
        Assert.Contains(cases, c => !ParserAccepts(c.Message));
    }

    [Theory]
    [InlineData("runId", "RunId")]
    [InlineData("user", "User")]
    public void Member_names_are_read_as_written_by_both(string name, string renamed)
    {
        var message = Valid();
        var value = message[name];
        message.Remove(name);
        message[renamed] = value;
        var bytes = Bytes(message);
        Assert.False(ParserAccepts(bytes));
        Assert.False(UserCreatedSchema.Evaluate(bytes).Valid);
    }

    [Theory]
    [InlineData("{\"date\": \"1990-05-17\"}")]            // a date without a time
    [InlineData("{\"date\": \"1990-05-17T08:00:00\"}")]   // a time without an offset
    public void Known_difference_the_parser_reads_a_date_time_without_an_offset_that_the_schema_refuses(string dob)
    {
        var message = Valid();
        message["user"]!["dob"] = JsonNode.Parse(dob);
        var bytes = Bytes(message);
        Assert.True(ParserAccepts(bytes), "the parser reads it (System.Text.Json's ISO 8601 reading)");
        Assert.False(UserCreatedSchema.Evaluate(bytes).Valid, "the schema asks for RFC 3339 date-times");
    }

    [Fact]
    public void Known_difference_the_schema_takes_an_integer_written_with_a_zero_fraction_that_the_parser_refuses()
    {
        var message = Valid();
        message["user"]!["location"]!["street"]!["number"] = JsonValue.Create(12.0m);
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        Assert.Contains("\"number\":12.0", Encoding.UTF8.GetString(bytes));
        Assert.True(UserCreatedSchema.Evaluate(bytes).Valid, "JSON Schema counts 12.0 as an integer");
        Assert.False(ParserAccepts(bytes), "the parser reads integers as written without a fraction");
    }

    private static IEnumerable<(string What, byte[] Message)> Cases()
    {
        var paths = Paths(Valid(), "").ToList();
        foreach (var path in paths)
        {
            var removed = Valid();
            if (Remove(removed, path))
                yield return ($"{path} removed", Bytes(removed));
            foreach (var replacement in Replacements)
            {
                var changed = Valid();
                Set(changed, path, replacement?.DeepClone());
                yield return ($"{path} = {replacement?.ToJsonString() ?? "null"}", Bytes(changed));
            }
        }
        var extra = Valid();
        extra["user"]!["hobby"] = "chess";
        yield return ("an unknown member", Bytes(extra));
        foreach (var uuid in new[] { Guid.NewGuid().ToString("N"), "{" + Guid.NewGuid() + "}", Guid.NewGuid().ToString().ToUpperInvariant(), Guid.Empty.ToString() })
        {
            foreach (var path in new[] { "/runId", "/user/login/uuid" })
            {
                var changed = Valid();
                Set(changed, path, JsonValue.Create(uuid));
                yield return ($"{path} = {uuid}", Bytes(changed));
            }
        }
    }

    /// <summary>Every member of the message, objects and leaves, as JSON pointers.</summary>
    private static IEnumerable<string> Paths(JsonNode node, string at)
    {
        if (node is not JsonObject members)
            yield break;
        foreach (var (name, value) in members)
        {
            var path = $"{at}/{name}";
            yield return path;
            if (value is not null)
                foreach (var inner in Paths(value, path))
                    yield return inner;
        }
    }

    private static bool Remove(JsonObject root, string path)
    {
        var (parent, name) = Parent(root, path);
        return parent?.Remove(name) ?? false;
    }

    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var (parent, name) = Parent(root, path);
        parent![name] = value;
    }

    private static (JsonObject? Parent, string Name) Parent(JsonObject root, string path)
    {
        var names = path.Trim('/').Split('/');
        JsonNode? node = root;
        foreach (var name in names[..^1])
            node = node?[name];
        return (node as JsonObject, names[^1]);
    }

    private static JsonObject Valid() =>
        JsonNode.Parse(TestUsers.Json(TestUsers.Message()))!.AsObject();

    private static byte[] Bytes(JsonObject message) => Encoding.UTF8.GetBytes(message.ToJsonString(ContractJson.Options));

    /// <summary>The parser's verdict on the value alone: the key is the message's own login.uuid, the header v1.</summary>
    private static bool ParserAccepts(byte[] message)
    {
        string? key = null;
        try
        {
            key = JsonNode.Parse(message)?["user"]?["login"]?["uuid"]?.GetValue<string>();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or System.Text.Json.JsonException)
        {
        }
        var headers = new Headers { { MessageHeaders.Schema, Encoding.UTF8.GetBytes(MessageSchema.UserCreatedV1) } };
        return UserMessageParser.Parse(key ?? Guid.NewGuid().ToString(), message, headers) is ParsedMessage.Valid;
    }
}
