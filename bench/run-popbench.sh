#!/usr/bin/env bash
# Screen-pop benchmark: latency per (calls/s, agent clients) and AMI events/s, pipeline vs
# asterisk-java alone. Runs the real server against embedded PostgreSQL; takes about 5 minutes.
# Arguments (key=value) go to klip.bench.PopLatencyBench, e.g. `bench/run-popbench.sh seconds=10 rates=50`.
# Results: printed at the end and written to bench/results/popbench-<time>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile
# Two cores, as the target machine has; PostgreSQL (a child process) inherits the same affinity.
CPUS="${POPBENCH_CPUS:-0,1}"
PIN=()
if command -v taskset >/dev/null 2>&1; then PIN=(taskset -c "$CPUS"); fi
MAVEN_OPTS="${MAVEN_OPTS:-} -Xmx3g" exec "${PIN[@]}" mvn -q -B exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=klip.bench.PopLatencyBench -Dexec.args="$*"
