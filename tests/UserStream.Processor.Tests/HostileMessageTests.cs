using System.Text;
using System.Text.Json.Nodes;
using UserStream.Contracts.Messages;
using UserStream.Confluent.Kafka;
using UserStream.Testing;

namespace UserStream.Processor.Tests;

/// <summary>
/// Messages no UserStream producer would send, put on the wire by an independent client (Python), each followed by a
/// valid user, against one processor process: the bad message is dead-lettered exactly once with its reason (or, where
/// nothing about it stops the user, stored), the user after it is stored within seconds, and the process never crashes.
/// </summary>
public sealed class HostileMessageTests(HostileMessageTests.RunningProcessor processor) : IClassFixture<HostileMessageTests.RunningProcessor>
{
    public static TheoryData<string> Cases =>
    [
        "null-schema-header", "empty-schema-header", "non-utf8-schema-header",
        "null-traceparent-header", "non-utf8-traceparent-header",
        "nul-in-name", "email-of-3000-characters", "field-of-300-kb", "email-not-an-address",
        "null-value", "null-key", "non-utf8-key", "garbage-bytes", "json-null",
        "json-nested-1000-deep", "lone-surrogate-in-name", "dob-before-year-1-in-utc", "street-number-1e30",
    ];

    [Theory, MemberData(nameof(Cases))]
    public async Task A_hostile_message_is_dead_lettered_once_or_stored_and_the_user_after_it_is_stored(string name)
    {
        var (hostile, expectedReason, hostileUser) = Build(name);
        var after = TestUsers.Message();
        var offsets = await PythonKafkaProducer.ProduceAsync(SharedInfrastructure.KafkaBootstrapServers, processor.Topic,
            [hostile, Record(after)]);

        var afterId = Guid.Parse(after.User.Login!.Uuid!);
        await Eventually.ReturnsAsync(() => UserRows.ExistsAsync(processor.Postgres, afterId), stored => stored,
            TimeSpan.FromSeconds(20), $"the user after the {name} message");

        // The user after it is committed after the bad message's dead letter was acknowledged: what is there now is all there will be.
        var source = $"{processor.Topic}/0@{offsets[0]}";
        var deadLetters = TopicReader.ReadAll(SharedInfrastructure.KafkaBootstrapServers, processor.DeadLetterTopic, 1, TimeSpan.FromSeconds(2))
            .Where(d => d.Message.Headers.GetString(MessageHeaders.DeadLetterSource) == source)
            .ToList();
        if (expectedReason is null)
        {
            Assert.Empty(deadLetters);
            Assert.True(await UserRows.ExistsAsync(processor.Postgres, hostileUser!.Value), $"the {name} user is stored");
        }
        else
        {
            var deadLetter = Assert.Single(deadLetters);
            Assert.Equal(expectedReason, deadLetter.Message.Headers.GetString(MessageHeaders.DeadLetterReason));
            Assert.False(string.IsNullOrWhiteSpace(deadLetter.Message.Headers.GetString(MessageHeaders.DeadLetterDetail)));
            Assert.Equal(hostile.Value, deadLetter.Message.Value);
            Assert.Equal(hostile.Key, deadLetter.Message.Key);
            Assert.Null(deadLetter.Message.Headers.GetString(MessageHeaders.DeadLetterTruncated));
        }
        Assert.False(processor.Process.HasExited, $"the processor exited:\n{processor.Process.Output}");
        Assert.DoesNotContain("the process stops with exit code", processor.Process.Output);
    }

    private static (RawRecord Record, string? Reason, Guid? User) Build(string name)
    {
        var message = TestUsers.Message();
        var id = Guid.Parse(message.User.Login!.Uuid!);
        var key = Encoding.UTF8.GetBytes(id.ToString());
        var json = TestUsers.Json(message);
        (string, byte[]?) schema = (MessageHeaders.Schema, Encoding.UTF8.GetBytes(MessageSchema.UserCreatedV1));
        RawRecord With(Func<JsonObject, JsonNode?> edit) => new(key, Edit(json, edit), [schema]);
        return name switch
        {
            "null-schema-header" => (new RawRecord(key, json, [(MessageHeaders.Schema, null)]), DeadLetterReasons.MissingSchema, null),
            "empty-schema-header" => (new RawRecord(key, json, [(MessageHeaders.Schema, [])]), DeadLetterReasons.MissingSchema, null),
            "non-utf8-schema-header" => (new RawRecord(key, json, [(MessageHeaders.Schema, [0xff, 0xfe, 0x75, 0x73])]), DeadLetterReasons.InvalidHeader, null),
            // The trace context is optional: a broken one costs the trace, not the user.
            "null-traceparent-header" => (new RawRecord(key, json, [schema, (MessageHeaders.TraceParent, null)]), null, id),
            "non-utf8-traceparent-header" => (new RawRecord(key, json, [schema, (MessageHeaders.TraceParent, [0xc3, 0x28, 0xa0, 0xa1])]), null, id),
            "nul-in-name" => (With(o => o["user"]!["name"]!["first"] = "Ann\0e"), DeadLetterReasons.NulCharacter, null),
            "email-of-3000-characters" => (With(o => o["user"]!["email"] = new string('a', 2988) + "@example.com"), DeadLetterReasons.FieldTooLong, null),
            "field-of-300-kb" => (With(o => o["user"]!["location"]!["city"] = new string('c', 300 * 1024)), DeadLetterReasons.FieldTooLong, null),
            "email-not-an-address" => (With(o => o["user"]!["email"] = "ann@example"), DeadLetterReasons.InvalidEmail, null),
            "null-value" => (new RawRecord(key, null, [schema]), DeadLetterReasons.InvalidJson, null),
            "null-key" => (new RawRecord(null, json, [schema]), DeadLetterReasons.KeyMismatch, null),
            "non-utf8-key" => (new RawRecord([0xff, .. key], json, [schema]), DeadLetterReasons.KeyMismatch, null),
            "garbage-bytes" => (new RawRecord(key, Garbage(4096), [schema]), DeadLetterReasons.InvalidJson, null),
            "json-null" => (new RawRecord(key, "null"u8.ToArray(), [schema]), DeadLetterReasons.InvalidJson, null),
            "json-nested-1000-deep" => (new RawRecord(key, Encoding.UTF8.GetBytes("{\"user\":" + new string('[', 1000) + new string(']', 1000) + "}"), [schema]), DeadLetterReasons.InvalidJson, null),
            "lone-surrogate-in-name" => (new RawRecord(key, Replace(json, $"\"First", "\"\\ud800First"), [schema]), DeadLetterReasons.InvalidJson, null),
            "dob-before-year-1-in-utc" => (With(o => o["user"]!["dob"]!["date"] = "0001-01-01T00:00:00+14:00"), DeadLetterReasons.InvalidJson, null),
            "street-number-1e30" => (new RawRecord(key, Replace(json, "\"number\":", "\"number\":1e30,\"x\":"), [schema]), DeadLetterReasons.InvalidJson, null),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such case"),
        };
    }

    private static RawRecord Record(UserCreatedV1 message) => new(
        Encoding.UTF8.GetBytes(message.User.Login!.Uuid!), TestUsers.Json(message),
        [(MessageHeaders.Schema, Encoding.UTF8.GetBytes(MessageSchema.UserCreatedV1))]);

    private static byte[] Edit(byte[] json, Func<JsonObject, JsonNode?> edit)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        edit(node);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static byte[] Replace(byte[] json, string text, string with)
    {
        var original = Encoding.UTF8.GetString(json);
        Assert.Contains(text, original);
        return Encoding.UTF8.GetBytes(original.Replace(text, with, StringComparison.Ordinal));
    }

    private static byte[] Garbage(int length)
    {
        var bytes = new byte[length];
        new Random(16).NextBytes(bytes);
        bytes[0] = 0xff; // never valid UTF-8, never JSON
        return bytes;
    }

    /// <summary>One processor process for every case, on a topic of one partition (cases run one after another).</summary>
    public sealed class RunningProcessor : IAsyncLifetime
    {
        public string Topic { get; } = SharedInfrastructure.CreateTopic("hostile", 1);
        public string DeadLetterTopic { get; } = SharedInfrastructure.CreateTopic("hostile-dlq", 1);
        public string Postgres { get; private set; } = "";
        public ServiceProcess Process { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Postgres = await SharedInfrastructure.CreateDatabaseAsync();
            Process = await ProcessorProcess.StartAsync(Postgres, Topic, DeadLetterTopic, "hostile-" + Guid.NewGuid().ToString("N"));
        }

        public async Task DisposeAsync()
        {
            if (Process is not null)
                await Process.DisposeAsync();
            await SharedInfrastructure.DropDatabaseAsync(Postgres);
        }
    }
}
