#!/usr/bin/env bash
# SIKP suggestion quality: the engine beside plain BM25 and PostgreSQL, on the dev and tune (tuning) and
# validation queries, side by side by kind. Evaluation code and query sets are test-scope only (not in the jar).
# Extra arguments go to klip.sikp.eval.EvaluationCommand, e.g. `-v` to list the engine's misses (dev and tune only).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile
exec mvn -q -B exec:java -Dexec.classpathScope=test -Dexec.mainClass=klip.sikp.eval.EvaluationCommand \
  -Dexec.args="src/test/resources/sikp/queries-dev.jsonl src/test/resources/sikp/queries-tune.jsonl \
  src/test/resources/sikp/queries-validation.jsonl src/main/resources/sikp/articles.jsonl $*"
