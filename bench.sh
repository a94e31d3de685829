#!/usr/bin/env bash
# Benchmark: HTTP commands/s and latency with 1 and 8 clients, then replay events/s. Argument: seconds per phase.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -q -DskipTests -Dspotless.check.skip=true install
./mvnw -B -q -pl pathway-api -Dspotless.check.skip=true exec:java \
  -Dexec.mainClass=org.pathway.api.bench.Benchmark -Dexec.classpathScope=test -Dexec.args="${1:-30}"
