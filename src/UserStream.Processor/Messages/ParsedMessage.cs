using UserStream.Contracts.Messages;

namespace UserStream.Processor.Messages;

/// <summary>What the processor makes of one Kafka message: a user to store, or a reason to dead-letter it.</summary>
public abstract record ParsedMessage
{
    private ParsedMessage() { }

    public sealed record Valid(UserCreatedV1 Message) : ParsedMessage;

    /// <param name="Reason">A <see cref="DeadLetterReasons"/> code.</param>
    /// <param name="Detail">What exactly was wrong, for a person reading the dead letter.</param>
    public sealed record Invalid(string Reason, string Detail) : ParsedMessage;
}
