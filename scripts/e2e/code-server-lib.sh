# Shared by the end-to-end suites (run.sh) and the demo (scripts/demo.sh): one private code-server
# instance per use, on a free loopback port, stopped by its PID and those of its children.
# The caller defines: STATE, NODE24_BIN, CODE_SERVER, HEALTH_DEADLINE_S, say, ms_since; this file sets
# CS_PID, CS_CMD and PORT.

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close();});'
}

# make_instance NAME: private HOME/XDG, user-data-dir with settings, extensions-dir.
make_instance() {
  local dir="$STATE/$1"
  mkdir -p "$dir/home/.config" "$dir/home/.local/share" "$dir/home/.cache" "$dir/data/User" "$dir/extensions"
  cat > "$dir/data/User/settings.json" <<'JSON'
{
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "chat.disableAIFeatures": true,
  "git.enabled": false,
  "npm.autoDetect": "off",
  "files.autoSave": "off"
}
JSON
  echo "$dir"
}

# cs_cmd DIR: sets CS_CMD to code-server (on Node 24) with the instance's private HOME/XDG and
# state dirs. Run as a plain command (not a function) so that `CS_CMD... &` gives code-server's PID.
cs_cmd() {
  local dir=$1
  CS_CMD=(env HOME="$dir/home" XDG_CONFIG_HOME="$dir/home/.config" XDG_DATA_HOME="$dir/home/.local/share"
    XDG_CACHE_HOME="$dir/home/.cache" PATH="$NODE24_BIN:$PATH" EXTENSIONS_GALLERY='{}'
    "$CODE_SERVER" --user-data-dir "$dir/data" --extensions-dir "$dir/extensions")
}

# start_code_server DIR LOG [extra args...]: sets PORT and CS_PID, returns once /healthz answers.
start_code_server() {
  local dir=$1 log=$2; shift 2
  PORT=$(free_port)
  printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > "$dir/config.yaml"
  cs_cmd "$dir"
  "${CS_CMD[@]}" --config "$dir/config.yaml" --disable-telemetry --disable-update-check --disable-workspace-trust \
      --disable-getting-started-override "$@" > "$log" 2>&1 < /dev/null &
  CS_PID=$!
  local t deadline=$(( $(date +%s) + HEALTH_DEADLINE_S ))
  t=$(date +%s%N)
  until curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/healthz"; do
    if ! kill -0 "$CS_PID" 2>/dev/null; then say "code-server exited before listening; log: $log"; tail -20 "$log"; CS_PID=""; return 1; fi
    if [ "$(date +%s)" -ge "$deadline" ]; then say "code-server not healthy after ${HEALTH_DEADLINE_S}s; log: $log"; tail -20 "$log"; return 1; fi
    sleep 0.1
  done
  say "code-server pid $CS_PID listening on 127.0.0.1:$PORT after $(ms_since "$t") ms"
}

descendants() { # all descendant PIDs of $1 (depth first)
  local c
  for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do echo "$c"; descendants "$c"; done
}
alive() { local p; for p in "$@"; do kill -0 "$p" 2>/dev/null && return 0; done; return 1; }
wait_gone() { # wait_gone SECONDS PID...: true once none of the PIDs is alive, false at the deadline
  local deadline=$(( $(date +%s) + $1 )); shift
  while alive "$@"; do [ "$(date +%s)" -lt "$deadline" ] || return 1; sleep 0.1; done
}
stop_code_server() {
  [ -n "$CS_PID" ] || return 0
  local pid=$CS_PID tree
  CS_PID=""
  # Remember its server, extension hosts, file watcher and language servers before they are
  # orphaned: code-server's SIGTERM handling leaves its file watcher running.
  tree=("$pid" $(descendants "$pid"))
  kill -TERM "$pid" 2>/dev/null || true
  wait_gone 10 "$pid" || { say "code-server $pid still running 10 s after SIGTERM: SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; }
  wait "$pid" 2>/dev/null || true
  if alive "${tree[@]}"; then
    kill -TERM "${tree[@]}" 2>/dev/null || true
    wait_gone 5 "${tree[@]}" || { say "SIGKILL to code-server children that ignored SIGTERM"; kill -KILL "${tree[@]}" 2>/dev/null || true; }
  fi
}
