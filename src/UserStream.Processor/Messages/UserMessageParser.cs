using System.Text.Json;
using Confluent.Kafka;
using UserStream.Contracts;
using UserStream.Contracts.Messages;
using UserStream.Contracts.RandomUser;
using UserStream.Confluent.Kafka;

namespace UserStream.Processor.Messages;

/// <summary>
/// Checks a users_created message against the user-created/v1 contract: schema header, JSON,
/// required fields (as src/UserStream.Contracts/Schemas/user-created.v1.json writes them down), and that the key is the user's id. Does not throw for any input it foresees
/// (the batch handler still catches the rest): anything wrong becomes
/// <see cref="ParsedMessage.Invalid"/> so the message can be dead-lettered and the partition move on.
/// </summary>
public static class UserMessageParser
{
    public static ParsedMessage Parse(string? key, byte[]? value, Headers? headers)
    {
        if (headers.TryGetText(MessageHeaders.Schema, out var schema) == HeaderTextState.NotUtf8)
            return new ParsedMessage.Invalid(DeadLetterReasons.InvalidHeader, $"the '{MessageHeaders.Schema}' header is not UTF-8 text");
        if (string.IsNullOrWhiteSpace(schema))
            return new ParsedMessage.Invalid(DeadLetterReasons.MissingSchema, $"no '{MessageHeaders.Schema}' header");
        if (!MessageSchema.TryParse(schema, out var name, out var major) || name != MessageSchema.UserCreatedName)
            return new ParsedMessage.Invalid(DeadLetterReasons.UnknownSchema, $"schema '{schema}' is not {MessageSchema.UserCreatedName}/vN");
        if (major != MessageSchema.UserCreatedMajor)
            return new ParsedMessage.Invalid(DeadLetterReasons.UnsupportedSchemaVersion,
                $"schema '{schema}' has major version {major}; this processor reads v{MessageSchema.UserCreatedMajor}");

        if (value is null || value.Length == 0)
            return new ParsedMessage.Invalid(DeadLetterReasons.InvalidJson, "empty message value");
        UserCreatedV1? message;
        try
        {
            message = JsonSerializer.Deserialize<UserCreatedV1>(value, ContractJson.MessageReadOptions);
        }
        catch (JsonException e)
        {
            return new ParsedMessage.Invalid(DeadLetterReasons.InvalidJson, e.Message);
        }
        if (message is null)
            return new ParsedMessage.Invalid(DeadLetterReasons.InvalidJson, "message value is JSON null");

        var problems = RandomUserValidator.Validate(message.User);
        if (message.RunId == Guid.Empty)
            problems = [.. problems, "missing runId"];
        if (message.IngestedAt == default)
            problems = [.. problems, "missing ingestedAt"];
        if (problems.Count > 0)
            return new ParsedMessage.Invalid(DeadLetterReasons.MissingFields, string.Join("; ", problems));

        if (key is null)
            return new ParsedMessage.Invalid(DeadLetterReasons.KeyMismatch, $"message has no key; it must be the user's login.uuid '{message.User.Login!.Uuid}'");
        if (!string.Equals(key, message.User.Login!.Uuid, StringComparison.OrdinalIgnoreCase))
            return new ParsedMessage.Invalid(DeadLetterReasons.KeyMismatch,
                $"message key '{key}' is not the user's login.uuid '{message.User.Login.Uuid}'");
        return new ParsedMessage.Valid(message);
    }
}
