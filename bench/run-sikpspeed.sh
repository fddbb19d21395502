#!/usr/bin/env bash
# SIKP engine latency beside PostgreSQL in the same run (in-process, no HTTP), on two pinned cores: warm-up on
# typed prefixes of the dev queries, measured on those of the validation queries (disjoint), and once right after
# an index reopen.
# Arguments: article counts, e.g. `bench/run-sikpspeed.sh 179 50000`. SIKPBENCH_PG=every-word leaves out the
# any-word PostgreSQL rows (minutes per size at 50,000 articles).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile
CPUS="${SIKPBENCH_CPUS:-0,1}"
PIN=()
if command -v taskset >/dev/null 2>&1; then PIN=(taskset -c "$CPUS"); fi
MAVEN_OPTS="${MAVEN_OPTS:-} -Xmx2g" exec "${PIN[@]}" mvn -q -B exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=klip.sikp.eval.SpeedBenchmark \
  -Dexec.args="src/main/resources/sikp/articles.jsonl src/test/resources/sikp/queries-dev.jsonl src/test/resources/sikp/queries-validation.jsonl ${*:-179 50000}"
