#!/usr/bin/env bash
# Benchmarks (figures in docs/performance.md):
#   ./bench.sh [seconds] [people] raw PostgreSQL single and batched appends, HTTP commands/s and latency with
#                                 1 and 8 clients, bulk import of a demo file of [people], replay, start-up;
#                                 a table of each figure as a ratio to the raw one of the same run
#   ./bench.sh scale [people]     demo population (default 120,000 people ≈ 1 M commands): import events/s,
#                                 rebuild events/s, p50/p99 of every metric query over 12 months
#   ./bench.sh scale N DATA_DIR   only the metric queries, on the data folder an earlier scale run left
set -euo pipefail
cd "$(dirname "$0")"
MAIN=org.pathway.api.bench.Benchmark
if [ "${1:-}" = "scale" ]; then
  MAIN=org.pathway.api.bench.ScaleBenchmark
  shift
  ARGS="${1:-120000} ${2:-}"
else
  ARGS="${1:-30} ${2:-5000}"
fi
./mvnw -B -q -DskipTests -Dspotless.check.skip=true install
if [ "$MAIN" = org.pathway.api.bench.Benchmark ]; then
  # the goal is a heap of at most 512 MiB under load: the server, the load generator and Maven share it
  export MAVEN_OPTS="-Xmx512m ${MAVEN_OPTS:-}"
fi
./mvnw -B -q -pl pathway-api -Dspotless.check.skip=true exec:java \
  -Dexec.mainClass=$MAIN -Dexec.classpathScope=test -Dexec.args="$ARGS"
