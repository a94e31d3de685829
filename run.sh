#!/usr/bin/env bash
# Builds Pathway (without running the tests) and starts it. With no SPRING_DATASOURCE_URL it starts an embedded
# PostgreSQL whose data lives in ./data/postgres and survives restarts. Extra arguments go to the application,
# e.g. ./run.sh --server.port=9090
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -q -DskipTests -Dspotless.check.skip=true install
JAR=pathway-api/target/pathway-api-0.1.0-SNAPSHOT.jar
RUN=pathway-api/target/run
# Started from the jar extracted into its libraries (Spring Boot's tools mode), classes load from plain jars on the
# class path instead of through the nested-jar loader: about a second less to ready (docs/performance.md).
# Extracted again only when the jar's content changed (the build writes it anew each time).
SUM=$(sha1sum "$JAR" | cut -d' ' -f1)
if [ "$(cat "$RUN/.extracted-from" 2>/dev/null)" != "$SUM" ]; then
  rm -rf "$RUN"
  java -Djarmode=tools -jar "$JAR" extract --destination "$RUN" > /dev/null
  echo "$SUM" > "$RUN/.extracted-from"
fi
exec java ${JAVA_OPTS:-} -jar "$RUN/pathway-api-0.1.0-SNAPSHOT.jar" "$@"
