#!/usr/bin/env bash
# Fits the SIKP ranking weights jointly on the tuning queries, dev and tune (coordinate ascent on MRR@5),
# and cross-validates the fit inside them. Never reads the validation queries.
# Arguments: [folds] [weight ...] (see klip.sikp.eval.WeightTuner).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile
exec mvn -q -B exec:java -Dexec.classpathScope=test -Dexec.mainClass=klip.sikp.eval.WeightTuner \
  -Dexec.args="src/test/resources/sikp/queries-dev.jsonl,src/test/resources/sikp/queries-tune.jsonl src/main/resources/sikp/articles.jsonl $*"
