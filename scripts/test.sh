#!/usr/bin/env bash
# Run the whole test suite (the README's test command; .ci/run runs exactly this).
#   bash scripts/test.sh          everything, as CI runs it
#   bash scripts/test.sh --fast   the inner loop: leaves out the tests marked slow (pre-commit, packaging,
#                                 the real LanguageTool, process pools, the wild corpus); under a minute here
# Other arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
for arg in "$@"; do
  if [ "$arg" = "--fast" ]; then
    args+=(-m "not slow")
  else
    args+=("$arg")
  fi
done
exec .venv/bin/python -m pytest -q ${args[@]+"${args[@]}"}
