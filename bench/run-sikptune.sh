#!/usr/bin/env bash
# Fits the SIKP ranking weights jointly on the dev queries (coordinate ascent on MRR@5) and
# cross-validates the fit inside the dev set. Never reads the validation queries.
# Arguments: [folds] [weight ...] (see klip.sikp.eval.WeightTuner).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile
exec mvn -q -B exec:java -Dexec.classpathScope=test -Dexec.mainClass=klip.sikp.eval.WeightTuner \
  -Dexec.args="src/test/resources/sikp/queries-dev.jsonl src/main/resources/sikp/articles.jsonl $*"
