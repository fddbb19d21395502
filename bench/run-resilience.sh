#!/usr/bin/env bash
# The resilience command: a call soak against a real Asterisk (this project's asterisk-config, as the
# real-PBX tests run it) while the AMI link is cut at random moments through a TCP proxy; prints calls without a
# ticket or missed-call row, duplicate tickets, wrong final states and recordings unlinked or falsely missing.
# Usage: bench/run-resilience.sh /opt/ast/sbin/asterisk [cuts=100] [seed=1]   (about 10 s per cut)
set -euo pipefail
cd "$(dirname "$0")/.."
ASTERISK="${1:?usage: bench/run-resilience.sh /path/to/sbin/asterisk [cuts=N] [seed=N]}"
shift
mvn -q -B test-compile
exec mvn -q -B exec:java -Dexec.classpathScope=test -Dklip.asterisk="$ASTERISK" \
  -Dexec.mainClass=klip.asterisk.ResilienceSoak -Dexec.args="$*"
