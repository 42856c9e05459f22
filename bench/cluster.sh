#!/usr/bin/env bash
# Cluster rehearsal (docs/operations.md, "Several replicas"): three replicas of the packaged gateway on one
# PostgreSQL, uploading to one Metrica sandbox, under load from CRM-like clients spread over the replicas. A third
# of the way in, one replica is killed with SIGKILL; two thirds in, another gets SIGTERM. Then the script waits
# until the survivors have delivered, and checks that every conversion a replica answered 202 for reached the
# sandbox exactly once. Prints PASS or FAIL with the numbers, and keeps them in bench/results/.
#
#   make cluster                              # 60 s of load from 6 clients
#   DURATION=120 CLIENTS=8 bench/cluster.sh
#
# Needs a JDK 17 and curl (installed from Debian if missing); PostgreSQL is the embedded server, started once for
# all three replicas (org.metricagateway.database.EmbeddedDatabaseMain). The replicas run with short intervals
# (below) so that a crashed replica's work is taken over within seconds instead of minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C

DURATION=${DURATION:-60}
CLIENTS=${CLIENTS:-6}
PER_REQUEST=${PER_REQUEST:-10}
BASE_PORT=${CLUSTER_BASE_PORT:-18100}
DELIVERY_LIMIT=${DELIVERY_LIMIT:-240}
JAR=target/metrica-offline-gateway-0.1.0-SNAPSHOT.jar
TOKEN=cluster-admin-token-$RANDOM$RANDOM
COUNTER=4242
PORTS=($((BASE_PORT + 1)) $((BASE_PORT + 2)) $((BASE_PORT + 3)))
MGMT_PORTS=($((BASE_PORT + 11)) $((BASE_PORT + 12)) $((BASE_PORT + 13)))
SANDBOX_PORT=$((BASE_PORT + 20))

# shellcheck source=bench/lib.sh
. bench/lib.sh
need curl curl
make -s build
ports_free "${PORTS[@]}" "${MGMT_PORTS[@]}" "$SANDBOX_PORT" || { echo "set CLUSTER_BASE_PORT"; exit 1; }

work=$(mktemp -d)
mkdir -p bench/results
result=bench/results/cluster-$(date -u +%Y%m%dT%H%M%SZ).txt
started=()
cleanup() {
  touch "$work/stop"
  for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${started[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
await_line() { # file pattern seconds
  for _ in $(seq 1 $(($3 * 2))); do grep -q "$2" "$1" && return 0; sleep 0.5; done
  echo "timed out waiting for '$2' in $1:"; tail -20 "$1"; exit 1
}

java -Xmx256m -cp "$JAR" org.metricagateway.database.EmbeddedDatabaseMain "$work/postgres" >"$work/postgres.log" 2>&1 &
started+=($!)
await_line "$work/postgres.log" 'PostgreSQL ready at' 120
database_url=$(sed -n 's/^PostgreSQL ready at //p' "$work/postgres.log")

java -Xmx512m -cp "$JAR" org.metricagateway.sandbox.SandboxMain "$SANDBOX_PORT" "$work/received.tsv" \
  >"$work/sandbox.log" 2>&1 &
started+=($!)
await_line "$work/sandbox.log" 'listening at' 60

gateway_pids=()
for i in 0 1 2; do
  env DATABASE_URL="$database_url" ADMIN_TOKEN="$TOKEN" DATA_DIR="$work/data-$i" \
    CAMEL_SERVER_PORT="${PORTS[$i]}" CAMEL_MANAGEMENT_PORT="${MGMT_PORTS[$i]}" \
    METRICA_API_URL="http://127.0.0.1:$SANDBOX_PORT" METRICA_TOKEN=sandbox-token \
    SHUTDOWN_DRAIN_DELAY_MS=3000 \
    BATCHING_COMPLETION_INTERVAL_MS=2000 BATCHING_RECOVERY_MIN_AGE_MS=10000 BATCHING_RECOVERY_INTERVAL_MS=2000 \
    BATCHING_RECOVERY_DELAY_MS=0 UPLOAD_LEASE_MS=10000 UPLOAD_RESUME_INTERVAL_MS=2000 \
    UPLOAD_INITIAL_BACKOFF_MS=200 UPLOAD_MAX_BACKOFF_MS=2000 METRICA_SLOT_WAIT_MS=5000 \
    STATUS_POLL_CRON='0/5 * * * * ?' STATUS_POLL_INTERVALS_SECONDS=5 STATUS_GAUGES_REFRESH_MS=5000 \
    java ${JAVA_OPTS:--Xmx256m} -jar "$JAR" >"$work/gateway-$i.log" 2>&1 &
  gateway_pids+=($!)
  started+=($!)
done
for i in 0 1 2; do
  for _ in $(seq 1 240); do
    kill -0 "${gateway_pids[$i]}" 2>/dev/null || { echo "replica $i exited:"; tail -30 "$work/gateway-$i.log"; exit 1; }
    curl -sf "http://127.0.0.1:${MGMT_PORTS[$i]}/observe/health/ready" >/dev/null && break
    sleep 0.5
  done
done

webhook=$(curl -sf -X POST "http://127.0.0.1:${PORTS[0]}/api/webhooks" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d "{\"name\":\"cluster\",\"counter_id\":$COUNTER,\"default_target\":\"deal_won\"}")
id=$(sed -E 's/.*"id":"([^"]+)".*/\1/' <<<"$webhook")
secret=$(sed -E 's/.*"secret":"([^"]+)".*/\1/' <<<"$webhook")

# A CRM-like client: requests of PER_REQUEST new conversions, each to the next replica in turn; a request that
# gets no 202 (refused, cut off, 503 while a replica stops) is sent again, unchanged, to the next replica.
client() {
  local n=$1 seq=0 r code body ids attempt now
  while [ ! -e "$work/stop" ]; do
    seq=$((seq + 1))
    now=$(($(date +%s) - 60))
    ids=$(for i in $(seq 1 "$PER_REQUEST"); do echo $((n * 1000000000 + seq * 1000 + i)); done)
    body="[$(for cid in $ids; do
      printf '{"client_id":"%s","date_time":%s,"external_id":"cluster-%s"},' "$cid" "$now" "$cid"
    done | sed 's/,$//')]"
    echo "$ids" >>"$work/sent.$n"
    for attempt in 0 1 2; do
      r=$(((n + seq + attempt) % 3))
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 15 -X POST \
        "http://127.0.0.1:${PORTS[$r]}/webhooks/$id/conversions" -H "X-Webhook-Secret: $secret" \
        -H 'Content-Type: application/json' -H "X-Request-Id: cluster-$n-$seq" -d "$body" || true)
      if [ "$code" = 202 ]; then echo "$ids" >>"$work/accepted.$n"; break; fi
      echo "$r $code" >>"$work/refused.$n"
    done
  done
}

start=$(date +%s)
clients=()
for n in $(seq 1 "$CLIENTS"); do client "$n" & clients+=($!); done
sleep $((DURATION / 3))
# Reaped at once, so that bash does not report the killed job.
{ kill -KILL "${gateway_pids[1]}"; wait "${gateway_pids[1]}"; } 2>/dev/null || true
echo "$(($(date +%s) - start)) s: replica 1 killed (SIGKILL)"
sleep $((DURATION / 3))
term_at=$(date +%s%N)
kill -TERM "${gateway_pids[2]}"
echo "$(($(date +%s) - start)) s: replica 2 sent SIGTERM"
ready_down_ms=never
for _ in $(seq 1 200); do
  status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${MGMT_PORTS[2]}/observe/health/ready" || true)
  if [ "$status" = 503 ]; then ready_down_ms=$((($(date +%s%N) - term_at) / 1000000)); break; fi
  sleep 0.05
done
set +e
wait "${gateway_pids[2]}"
term_exit=$?
set -e
term_stop_ms=$((($(date +%s%N) - term_at) / 1000000))
echo "replica 2: readiness 503 after $ready_down_ms ms, exited $term_exit after $term_stop_ms ms"
sleep $((DURATION - 2 * (DURATION / 3)))
touch "$work/stop"
wait "${clients[@]}" 2>/dev/null || true
load_end=$(date +%s)

cat "$work"/sent.* | sort -u >"$work/sent"
cat "$work"/accepted.* 2>/dev/null | sort -u >"$work/accepted"
received_ids() { cut -f3 "$work/received.tsv" 2>/dev/null | sort; }
missing() { comm -23 "$work/accepted" <(received_ids | uniq) | wc -l; }
echo "load done: $(wc -l <"$work/accepted") conversions accepted; waiting for delivery (at most $DELIVERY_LIMIT s)"
for _ in $(seq 1 "$DELIVERY_LIMIT"); do
  [ "$(missing)" -eq 0 ] && break
  kill -0 "${gateway_pids[0]}" 2>/dev/null || { echo "replica 0 died:"; tail -30 "$work/gateway-0.log"; break; }
  sleep 1
done
delivered_after=$(($(date +%s) - load_end))

sent=$(wc -l <"$work/sent")
accepted=$(wc -l <"$work/accepted")
rows=$(received_ids | wc -l)
distinct=$(received_ids | uniq | wc -l)
duplicates=$((rows - distinct))
missing_count=$(missing)
unexpected=$(comm -13 "$work/sent" <(received_ids | uniq) | wc -l)
stored_not_answered=$(comm -13 "$work/accepted" <(received_ids | uniq) | wc -l)
uploads=$(cut -f2 "$work/received.tsv" 2>/dev/null | sort -u | wc -l)
refused=$(cat "$work"/refused.* 2>/dev/null | wc -l)
verdict=PASS
[ "$missing_count" -eq 0 ] && [ "$duplicates" -eq 0 ] && [ "$unexpected" -eq 0 ] && [ "$term_exit" -eq 0 ] \
  || verdict=FAIL
{
  echo "# $(date -u +%FT%TZ) on $(nproc) cores: 3 replicas, $CLIENTS clients, $PER_REQUEST conversions per request, ${DURATION} s of load"
  echo "replica 1: SIGKILL at $((DURATION / 3)) s; replica 2: SIGTERM at $((2 * (DURATION / 3))) s, readiness 503 after ${ready_down_ms} ms, exit status $term_exit after ${term_stop_ms} ms"
  echo "sent=$sent accepted=$accepted (202, $((accepted / DURATION)) conversions/s) retried_requests=$refused received_rows=$rows uploads=$uploads"
  echo "missing=$missing_count duplicates=$duplicates unexpected=$unexpected stored_without_202=$stored_not_answered delivered_${delivered_after}s_after_load"
  echo "$verdict"
} | tee "$result"
[ "$verdict" = PASS ]
