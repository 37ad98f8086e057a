#!/usr/bin/env bash
# Restarts the Framelens instances one at a time (after installing a new
# binary): each is stopped gracefully, started, and must answer /healthz
# before the next one stops, so one instance serves throughout.
set -euo pipefail

# nginx gives an instance that refused a connection no requests for
# fail_timeout (deploy/nginx/upstream-local.conf); restarting the other
# before then would leave it none to send to.
fail_timeout=3

for i in 1 2; do
  echo "restarting framelens@$i"
  systemctl restart "framelens@$i"
  healthy=""
  for _ in $(seq 60); do
    if curl -fsS "http://127.0.0.1:808$i/healthz" >/dev/null 2>&1; then
      healthy=1
      break
    fi
    sleep 1
  done
  if [ -z "$healthy" ]; then
    echo "framelens@$i is not healthy after 60 s: stopping here, the other instance still serves" >&2
    journalctl -u "framelens@$i" -n 30 --no-pager >&2 || true
    exit 1
  fi
  sleep "$((fail_timeout + 1))"
done
echo "both instances restarted"
