# Produces records exactly as given (null keys, null values, null header values, any bytes) with Confluent's
# Python client over Debian's librdkafka: a Kafka client independent of the services'.
# Usage: python_producer.py BOOTSTRAP TOPIC < records.json
#   records.json: [{"key": b64|null, "value": b64|null, "headers": [[name, b64|null], ...]}, ...]
# Prints one JSON line per record, in order: {"partition": p, "offset": o} or {"error": "..."}.
import base64
import json
import sys

import confluent_kafka


def decode(text):
    return None if text is None else base64.b64decode(text)


def main():
    bootstrap, topic = sys.argv[1], sys.argv[2]
    records = json.load(sys.stdin)
    producer = confluent_kafka.Producer({
        "bootstrap.servers": bootstrap,
        "message.max.bytes": 2000000,
        "linger.ms": 5,
    })
    results = [None] * len(records)

    def report(index):
        def delivered(error, message):
            results[index] = {"error": str(error)} if error else {"partition": message.partition(), "offset": message.offset()}
        return delivered

    for index, record in enumerate(records):
        headers = [(name, decode(value)) for name, value in record.get("headers", [])]
        producer.produce(topic, key=decode(record.get("key")), value=decode(record.get("value")),
                         headers=headers, partition=record.get("partition", 0), on_delivery=report(index))
        producer.flush(30)  # one at a time, so offsets follow the order given
    for result in results:
        print(json.dumps(result if result is not None else {"error": "no delivery report"}))


if __name__ == "__main__":
    main()
