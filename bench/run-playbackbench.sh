#!/usr/bin/env bash
# Recordings benchmark: seek time to first byte (HTTP Range) of the project next to nginx serving the same file,
# in the same run, idle and with paced playback streams, on two cores. A few minutes.
# nginx is Debian's, installed here when missing (apt-get install nginx; root or sudo needed once).
# Arguments (key=value) go to klip.bench.PlaybackBench, e.g. `bench/run-playbackbench.sh streams=0,100 rounds=5 probes=2000`.
# Results: printed at the end and written to bench/results/playbackbench-<time>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo); fi
  # RUNLEVEL=1: Debian's package would otherwise start a system nginx on port 80; the bench starts its own.
  "${SUDO[@]}" env RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx
fi
uptime
mvn -q -B test-compile
CPUS="${PLAYBACKBENCH_CPUS:-0,1}"
PIN=()
if command -v taskset >/dev/null 2>&1; then PIN=(taskset -c "$CPUS"); fi
MAVEN_OPTS="${MAVEN_OPTS:-} -Xmx2g" exec "${PIN[@]}" mvn -q -B exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=klip.bench.PlaybackBench -Dexec.args="$*"
