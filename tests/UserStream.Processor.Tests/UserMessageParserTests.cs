using System.Text;
using Confluent.Kafka;
using UserStream.Contracts.Messages;
using UserStream.Processor.Messages;
using UserStream.Testing;

namespace UserStream.Processor.Tests;

public class UserMessageParserTests
{
    private static Headers V1Headers(string schema = MessageSchema.UserCreatedV1)
    {
        var headers = new Headers();
        headers.Add(MessageHeaders.Schema, Encoding.UTF8.GetBytes(schema));
        return headers;
    }

    [Fact]
    public void Valid_v1_message_is_accepted()
    {
        var message = TestUsers.Message();
        var parsed = UserMessageParser.Parse(message.User.Login!.Uuid, TestUsers.Json(message), V1Headers());
        var valid = Assert.IsType<ParsedMessage.Valid>(parsed);
        Assert.Equal(message.User.Login.Uuid, valid.Message.User.Login!.Uuid);
    }

    [Fact]
    public void A_minor_version_of_v1_is_accepted()
    {
        var message = TestUsers.Message();
        Assert.IsType<ParsedMessage.Valid>(UserMessageParser.Parse(message.User.Login!.Uuid, TestUsers.Json(message), V1Headers("user-created/v1.4")));
    }

    [Fact]
    public void Missing_schema_header_is_rejected()
    {
        var message = TestUsers.Message();
        AssertInvalid(DeadLetterReasons.MissingSchema, UserMessageParser.Parse(message.User.Login!.Uuid, TestUsers.Json(message), new Headers()));
    }

    [Fact]
    public void Another_schema_is_rejected()
    {
        var message = TestUsers.Message();
        AssertInvalid(DeadLetterReasons.UnknownSchema, UserMessageParser.Parse(message.User.Login!.Uuid, TestUsers.Json(message), V1Headers("order-placed/v1")));
    }

    [Fact]
    public void Unknown_major_version_is_rejected_rather_than_guessed()
    {
        var message = TestUsers.Message();
        var parsed = UserMessageParser.Parse(message.User.Login!.Uuid, TestUsers.Json(message), V1Headers("user-created/v2"));
        var invalid = AssertInvalid(DeadLetterReasons.UnsupportedSchemaVersion, parsed);
        Assert.Contains("major version 2", invalid.Detail);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1,2]")]
    [InlineData("{\"runId\": \"x\"}")]
    public void Malformed_json_is_rejected(string value) =>
        AssertInvalid(DeadLetterReasons.InvalidJson, UserMessageParser.Parse("k", Encoding.UTF8.GetBytes(value), V1Headers()));

    [Fact]
    public void Message_lacking_required_fields_is_rejected_with_their_names()
    {
        var record = TestUsers.Record() with { Email = null };
        var message = TestUsers.Message(record);
        var invalid = AssertInvalid(DeadLetterReasons.MissingFields,
            UserMessageParser.Parse(record.Login!.Uuid, TestUsers.Json(message), V1Headers()));
        Assert.Contains("email", invalid.Detail);
    }

    [Fact]
    public void Message_whose_key_is_not_the_user_id_is_rejected()
    {
        var message = TestUsers.Message();
        AssertInvalid(DeadLetterReasons.KeyMismatch, UserMessageParser.Parse(Guid.NewGuid().ToString(), TestUsers.Json(message), V1Headers()));
    }

    [Fact]
    public void A_schema_header_with_a_null_value_counts_as_missing()
    {
        var message = TestUsers.Message();
        var headers = new Headers { { MessageHeaders.Schema, null } };
        AssertInvalid(DeadLetterReasons.MissingSchema, UserMessageParser.Parse(message.User.Login!.Uuid, TestUsers.Json(message), headers));
    }

    [Fact]
    public void A_schema_header_that_is_not_utf8_is_an_invalid_header()
    {
        var message = TestUsers.Message();
        var headers = new Headers { { MessageHeaders.Schema, [0xff, 0x75, 0x73, 0x65, 0x72] } };
        AssertInvalid(DeadLetterReasons.InvalidHeader, UserMessageParser.Parse(message.User.Login!.Uuid, TestUsers.Json(message), headers));
    }

    [Fact]
    public void A_message_without_a_key_is_a_key_mismatch()
    {
        var message = TestUsers.Message();
        var invalid = AssertInvalid(DeadLetterReasons.KeyMismatch, UserMessageParser.Parse(null, TestUsers.Json(message), V1Headers()));
        Assert.Contains("no key", invalid.Detail);
    }

    private static ParsedMessage.Invalid AssertInvalid(string reason, ParsedMessage parsed)
    {
        var invalid = Assert.IsType<ParsedMessage.Invalid>(parsed);
        Assert.Equal(reason, invalid.Reason);
        Assert.False(string.IsNullOrWhiteSpace(invalid.Detail));
        return invalid;
    }
}
