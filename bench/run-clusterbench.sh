#!/usr/bin/env bash
# Scale-out benchmark: pop latency at 50 calls/s with 1,000 agents on one node, then spread round-robin over three
# node processes (a Vert.x cluster on loopback, one embedded PostgreSQL, the simulated PBX), in the same run; then
# each node's heap after a full collection with 1,000 agents and 50,000 SIKP articles, the nodes started with
# -Xmx512m (a node that needed more would die and fail the run). About 5 minutes on two cores.
# Arguments (key=value) go to klip.bench.ClusterBench, e.g. `bench/run-clusterbench.sh seconds=10 articles=5000`.
# Results: printed at the end and written to bench/results/clusterbench-<time>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# A plain JVM on the test class path (not exec:java): the node processes are started on this JVM's java.class.path.
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/clusterbench-classpath.txt
# Two cores, as the target machine has; the node JVMs and PostgreSQL (child processes) inherit the same affinity.
CPUS="${CLUSTERBENCH_CPUS:-0,1}"
PIN=()
if command -v taskset >/dev/null 2>&1; then PIN=(taskset -c "$CPUS"); fi
exec "${PIN[@]}" java -Xmx2g -cp "$PWD/target/test-classes:$PWD/target/classes:$(cat target/clusterbench-classpath.txt)" \
  klip.bench.ClusterBench "$@"
