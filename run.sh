#!/usr/bin/env bash
# Builds Pathway (without running the tests) and starts it. With no SPRING_DATASOURCE_URL it starts an embedded
# PostgreSQL whose data lives in ./data/postgres and survives restarts. Extra arguments go to the application,
# e.g. ./run.sh --server.port=9090
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -q -DskipTests -Dspotless.check.skip=true install
exec java ${JAVA_OPTS:-} -jar pathway-api/target/pathway-api-0.1.0-SNAPSHOT.jar "$@"
