#!/usr/bin/env bash
# Benchmarks (figures in docs/performance.md):
#   ./bench.sh [seconds] [people] raw PostgreSQL single and batched appends, HTTP commands/s and latency with
#                                 1 and 8 clients, bulk import of a demo file of [people], replay, start-up;
#                                 a table of each figure as a ratio to the raw one of the same run
#   ./bench.sh scale [base people] [events...]
#                                 a base demo population over HTTP (default 12,000 people), the event store
#                                 grown by copies of it to each size (default 1000000 10000000): raw scan+parse
#                                 rate, bulk rebuild rate and ratio, p50/p99 of every metric family (plain and
#                                 as-at) and drill-downs, heap
set -euo pipefail
cd "$(dirname "$0")"
MAIN=org.pathway.api.bench.Benchmark
if [ "${1:-}" = "scale" ]; then
  MAIN=org.pathway.api.bench.ScaleBenchmark
  shift
  ARGS="$*"
else
  ARGS="${1:-30} ${2:-5000}"
fi
./mvnw -B -q -DskipTests -Dspotless.check.skip=true install
if [ "$MAIN" = org.pathway.api.bench.Benchmark ]; then
  # the goal is a heap of at most 512 MiB under load: the server, the load generator and Maven share it
  export MAVEN_OPTS="-Xmx512m ${MAVEN_OPTS:-}"
else
  # the scale run prints the heap it used; the metric queries still read every spell of the window
  export MAVEN_OPTS="-Xmx1g ${MAVEN_OPTS:-}"
fi
./mvnw -B -q -pl pathway-api -Dspotless.check.skip=true exec:java \
  -Dexec.mainClass=$MAIN -Dexec.classpathScope=test -Dexec.args="$ARGS"
