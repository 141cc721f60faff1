using System.Diagnostics;
using Confluent.Kafka;
using UserStream.Processor.Messages;
using UserStream.UserStore;

namespace UserStream.Processor.Consuming;

/// <summary>A consumed message and the epoch its partition was owned in when it was consumed (see <see cref="PartitionOwnership"/>).</summary>
public readonly record struct ConsumedMessage(ConsumeResult<byte[]?, byte[]?> Result, long Epoch);

/// <summary>
/// A consumed batch checked and mapped, in consumed order, with what has become of each message so far. A store
/// retry resumes from there: a message already dead-lettered (or stored) is not handled again.
/// </summary>
public sealed class PreparedBatch(IReadOnlyList<PreparedMessage> messages)
{
    public IReadOnlyList<PreparedMessage> Messages { get; } = messages;

    public int Count => Messages.Count;

    /// <summary>The messages that passed every check (stored unless the store refuses them).</summary>
    public IEnumerable<PreparedMessage> Valid => Messages.Where(m => m.User is not null);

    /// <summary>The messages that failed a check.</summary>
    public IEnumerable<PreparedMessage> Invalid => Messages.Where(m => m.User is null);
}

/// <summary>What becomes of a message once its batch is stored.</summary>
public enum MessageOutcome
{
    Pending,
    Stored,
    DeadLettered,
    /// <summary>Its partition moved to another member before it was handled: the next owner reads it again.</summary>
    Abandoned,
}

/// <summary>
/// One message of a <see cref="PreparedBatch"/>: its stored form and the producer's trace context when it is
/// valid, the problem when it is not. <see cref="Outcome"/> is written only by the task storing the batch.
/// </summary>
public sealed class PreparedMessage(ConsumedMessage consumed, StoredUser? user, ActivityContext trace, ParsedMessage.Invalid? problem)
{
    public ConsumeResult<byte[]?, byte[]?> Result => consumed.Result;
    public long Epoch => consumed.Epoch;
    public StoredUser? User { get; } = user;
    public ActivityContext Trace { get; } = trace;
    public ParsedMessage.Invalid? Problem { get; } = problem;
    public MessageOutcome Outcome { get; set; }
}
