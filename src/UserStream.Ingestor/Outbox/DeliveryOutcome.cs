using Confluent.Kafka;
using UserStream.Ingestor.Ledger;

namespace UserStream.Ingestor.Outbox;

/// <summary>
/// What became of a batch of outbox rows sent to Kafka: the rows the broker acknowledged, the rows refused for good
/// (with the error), and how many are neither (a transient error or no report in time: they stay in the outbox).
/// </summary>
public sealed record DeliveryOutcome(IReadOnlyList<long> Delivered, IReadOnlyList<(OutboxRow Row, Error Error)> Refused, int Unacknowledged, Error? TransientError);
