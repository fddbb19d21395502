#!/usr/bin/env bash
# Crash resilience (not part of mvn verify): 10 kill -9 rounds of the server alone, 10 of the server with its
# embedded PostgreSQL, under calls (simulated PBX in the harness, as Asterisk lives outside the server),
# acknowledged API writes and escalations; then a 60-second PostgreSQL outage under calls. Takes 15-30 minutes.
# Arguments (key=value) go to klip.resilience.ResilienceRun, e.g. `bench/run-kill-rounds.sh rounds=3 outageSeconds=20`.
# Each server's log is kept under target/resilience/<scenario>/server-<n>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/resilience-classpath.txt
# The server JVMs are started by the harness with the same class path, as `java -cp ... klip.server.Main`, each in
# its own working directory: so the class path is absolute.
exec java -cp "$PWD/target/test-classes:$PWD/target/classes:$(cat target/resilience-classpath.txt)" \
  klip.resilience.ResilienceRun "$@"
