#!/bin/bash
# Creates ExchangeBus's topics, once, before any service starts (compose.yaml's "topics" job, in the apache/kafka
# image): each line of the list given as $1 is "topic partitions cleanup.policy". Topics that exist are left as they
# are (--if-not-exists), so the job can run on every `docker compose up`. Any failure stops the job with a non-zero
# exit code, and then no service that depends on it starts.
#
# Environment: BOOTSTRAP_SERVERS (required), REPLICATION_FACTOR (default 3), MIN_INSYNC_REPLICAS (default 2),
# KAFKA_BIN (default /opt/kafka/bin, where the image keeps kafka-topics.sh).
set -euo pipefail

list="${1:?usage: create-topics.sh TOPICS_FILE}"
bootstrap="${BOOTSTRAP_SERVERS:?BOOTSTRAP_SERVERS is not set}"
replication="${REPLICATION_FACTOR:-3}"
min_isr="${MIN_INSYNC_REPLICAS:-2}"
kafka_bin="${KAFKA_BIN:-/opt/kafka/bin}"

while read -r topic partitions cleanup _; do
  case "${topic}" in
    '' | '#'*) continue ;;
  esac
  echo "topic ${topic}: ${partitions} partitions, cleanup.policy=${cleanup}, replication ${replication}"
  "${kafka_bin}/kafka-topics.sh" --bootstrap-server "${bootstrap}" --create --if-not-exists \
    --topic "${topic}" --partitions "${partitions}" --replication-factor "${replication}" \
    --config "cleanup.policy=${cleanup}" --config "min.insync.replicas=${min_isr}"
done < "${list}"

echo "topics on the cluster:"
"${kafka_bin}/kafka-topics.sh" --bootstrap-server "${bootstrap}" --list
