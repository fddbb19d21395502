#!/usr/bin/env bash
# SIKP suggestion latency over HTTP: the whole server, GET /api/sikp/suggest for typed prefixes of the
# dev queries, on two pinned cores. Arguments (key=value) go to klip.bench.SikpHttpBench, e.g.
# `bench/run-sikpbench.sh articles=50000 requests=1000 clients=4 seconds=10`.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile
CPUS="${SIKPBENCH_CPUS:-0,1}"
PIN=()
if command -v taskset >/dev/null 2>&1; then PIN=(taskset -c "$CPUS"); fi
MAVEN_OPTS="${MAVEN_OPTS:-} -Xmx2g" exec "${PIN[@]}" mvn -q -B exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=klip.bench.SikpHttpBench -Dexec.args="$*"
