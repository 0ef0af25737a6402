# Sourced by the set-up scripts. wait_for DESCRIPTION SECONDS COMMAND...: polls COMMAND until it succeeds or the
# deadline passes (a condition with a deadline, never a fixed sleep); the caller defines log().
wait_for() {
  local what="$1" seconds="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then log "ERROR: $what not ready after ${seconds}s"; return 1; fi
    sleep 0.2
  done
}
