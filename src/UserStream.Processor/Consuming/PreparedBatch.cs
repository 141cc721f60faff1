using System.Diagnostics;
using Confluent.Kafka;
using UserStream.Processor.Messages;
using UserStream.UserStore;

namespace UserStream.Processor.Consuming;

/// <summary>A consumed batch checked against the contract and mapped, not yet stored: <see cref="Count"/> messages, each valid or invalid.</summary>
public sealed record PreparedBatch(int Count, IReadOnlyList<ValidMessage> Valid, IReadOnlyList<InvalidMessage> Invalid);

/// <summary>A message that passed the contract, its stored form, and the producer's trace context (read once).</summary>
public sealed record ValidMessage(ConsumeResult<byte[]?, byte[]?> Result, StoredUser User, ActivityContext Trace);

/// <summary>A message for the dead-letter topic, and why.</summary>
public sealed record InvalidMessage(ConsumeResult<byte[]?, byte[]?> Result, ParsedMessage.Invalid Problem);
