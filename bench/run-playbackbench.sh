#!/usr/bin/env bash
# Recordings benchmark: time to first byte of a seek (HTTP Range) and concurrent playback streams,
# against the real server (embedded PostgreSQL, audited playback) on two cores. About one minute.
# Arguments (key=value) go to klip.bench.PlaybackBench, e.g. `bench/run-playbackbench.sh streams=0,50 minutes=10`.
# Results: printed at the end and written to bench/results/playbackbench-<time>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile
CPUS="${PLAYBACKBENCH_CPUS:-0,1}"
PIN=()
if command -v taskset >/dev/null 2>&1; then PIN=(taskset -c "$CPUS"); fi
MAVEN_OPTS="${MAVEN_OPTS:-} -Xmx2g" exec "${PIN[@]}" mvn -q -B exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=klip.bench.PlaybackBench -Dexec.args="$*"
