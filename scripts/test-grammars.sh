#!/usr/bin/env bash
# Tests the TextMate grammars with the real engine (vscode-tmgrammar-test: vscode-textmate +
# oniguruma), against the base shell grammar of tm-grammars (never copied into the repo).
#
#   scripts/test-grammars.sh                    run everything; exit 1 if anything failed
#   scripts/test-grammars.sh --update-snapshots rewrite test/grammar/snap/*.snap, then run
#   SHELL_GRAMMAR=path/to/shell.tmLanguage.json scripts/test-grammars.sh
#                                               use another base shell grammar (scopeName
#                                               source.shell), e.g. the one VS Code ships
#
# What runs, each counted as one test:
#   - node scripts/gen-uwsgi-options.js --check    the generated uwsgi grammar is in sync
#   - test/grammar/check-contributions.js          grammar files / contributions agree
#   - every scope-assertion file under test/grammar/unit/
#   - every sample under test/grammar/snap/ against its .snap
#   - every file under test/grammar/must-fail/: it MUST fail (a deliberately wrong
#     assertion or snapshot), which proves that a wrong expectation is caught
#   - test/grammar/injection-additive.js, one test per sample it checks
# The last line is "N passed, M failed".
set -u
cd "$(dirname "$0")/.." || exit 2

UPDATE=0
case "${1:-}" in
  "") ;;
  --update-snapshots) UPDATE=1 ;;
  *) echo "usage: scripts/test-grammars.sh [--update-snapshots]" >&2; exit 2 ;;
esac

BIN=node_modules/.bin
SHELL_GRAMMAR=${SHELL_GRAMMAR:-node_modules/tm-grammars/grammars/shellscript.json}
export SHELL_GRAMMAR
CONFIG=test/grammar/grammars.json
for f in "$BIN/vscode-tmgrammar-test" "$BIN/vscode-tmgrammar-snap" "$SHELL_GRAMMAR"; do
  if [[ ! -e "$f" ]]; then
    echo "test-grammars: $f is missing; install the dev dependencies first (npm ci)" >&2
    exit 2
  fi
done
# The grammar tools print with colours only on a terminal; keep logs plain elsewhere.
[[ -t 1 ]] || export FORCE_COLOR=0

GRAMMAR_ARGS=(--config "$CONFIG" -g "$SHELL_GRAMMAR")
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT

passed=0
failed=0
failures=()

ok() { passed=$((passed + 1)); echo "  ok    $1"; }
ko() {
  failed=$((failed + 1))
  failures+=("$1")
  echo "  FAIL  $1"
  sed 's/^/        /' "$LOG"
}

# Runs "$@"; the test passes when it exits 0.
expect_pass() {
  local name=$1
  shift
  if "$@" >"$LOG" 2>&1; then ok "$name"; else ko "$name"; fi
}

# Runs "$@"; the test passes when it exits non-zero AND its output has $pattern.
expect_fail() {
  local name=$1 pattern=$2
  shift 2
  if "$@" >"$LOG" 2>&1; then
    echo "(it passed, but it holds a deliberately wrong expectation)" >>"$LOG"
    ko "$name"
  elif grep -q -- "$pattern" "$LOG"; then
    ok "$name (failed as it must)"
  else
    echo "(it failed, but without \"$pattern\" in its output)" >>"$LOG"
    ko "$name"
  fi
}

# The scope a snapshot sample is tokenized with, from its file name (as package.json maps
# names to languages; extension-less devstack files are shell).
scope_of() {
  case "$(basename "$1")" in
    *.local.conf | local.conf | local.conf.sample) echo source.devstack-local-conf ;;
    *uwsgi*.ini) echo source.uwsgi-ini ;;
    *.sh) echo source.shell ;;
    *.*) echo "" ;;
    *) echo source.shell ;;
  esac
}

files_in() {
  find "$1" -type f ! -name '*.snap' | LC_ALL=C sort
}

echo "base shell grammar: $SHELL_GRAMMAR"
echo "generated uwsgi grammar"
expect_pass "gen-uwsgi-options --check" node scripts/gen-uwsgi-options.js --check

echo "grammar files and contributions"
expect_pass "check-contributions" node test/grammar/check-contributions.js

echo "scope assertions (test/grammar/unit)"
assertions=0
while IFS= read -r f; do
  n=$(grep -cE '^#[[:space:]]*(\^|<~*-)' "$f")
  assertions=$((assertions + n))
  expect_pass "$f ($n assertions)" "$BIN/vscode-tmgrammar-test" -c "${GRAMMAR_ARGS[@]}" "$f"
done < <(files_in test/grammar/unit)

echo "snapshots (test/grammar/snap)"
while IFS= read -r f; do
  scope=$(scope_of "$f")
  if [[ -z "$scope" ]]; then
    echo "no language for this file name (see scope_of in scripts/test-grammars.sh)" >"$LOG"
    ko "$f"
    continue
  fi
  if [[ $UPDATE == 1 ]]; then
    "$BIN/vscode-tmgrammar-snap" "${GRAMMAR_ARGS[@]}" -s "$scope" --updateSnapshot "$f" >/dev/null
  fi
  if [[ ! -f "$f.snap" ]]; then
    echo "no snapshot $f.snap: run scripts/test-grammars.sh --update-snapshots and review it" >"$LOG"
    ko "$f"
    continue
  fi
  expect_pass "$f ($scope)" "$BIN/vscode-tmgrammar-snap" "${GRAMMAR_ARGS[@]}" -s "$scope" "$f"
done < <(files_in test/grammar/snap)

echo "deliberately wrong expectations (test/grammar/must-fail)"
while IFS= read -r f; do
  if [[ -f "$f.snap" ]]; then
    expect_fail "$f" "existing snapshot" "$BIN/vscode-tmgrammar-snap" "${GRAMMAR_ARGS[@]}" -s "$(scope_of "$f")" "$f"
  else
    expect_fail "$f" "Missing required scopes" "$BIN/vscode-tmgrammar-test" -c "${GRAMMAR_ARGS[@]}" "$f"
  fi
done < <(files_in test/grammar/must-fail)

echo "the injection only adds scopes"
if node test/grammar/injection-additive.js >"$LOG" 2>&1; then status=0; else status=1; fi
sed 's/^/  /' "$LOG" | grep -v 'injection-additive:'
summary=$(grep -E '^injection-additive: [0-9]+ passed, [0-9]+ failed$' "$LOG" || true)
if [[ -n "$summary" ]]; then
  read -r p f <<<"$(echo "$summary" | sed -E 's/.* ([0-9]+) passed, ([0-9]+) failed/\1 \2/')"
  passed=$((passed + p))
  failed=$((failed + f))
  if [[ $f != 0 ]]; then failures+=("injection-additive ($f)"); fi
fi
if [[ $status != 0 && ( -z "$summary" || ${f:-0} == 0 ) ]]; then
  failed=$((failed + 1))
  failures+=("injection-additive (crashed)")
  sed 's/^/  /' "$LOG"
fi

echo
echo "grammar tests: $assertions scope assertions in the unit files"
if [[ $failed != 0 ]]; then
  echo "failed:"
  printf '  %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
