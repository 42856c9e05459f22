# Shared by the benchmark scripts: tools, a Metrica sandbox process, the packaged gateway on a fresh embedded
# PostgreSQL, and a webhook. Source it after setting PORT and MGMT_PORT.
JAR=target/metrica-offline-gateway-0.1.0-SNAPSHOT.jar
TOKEN=bench-admin-token-$RANDOM$RANDOM
SANDBOX_PORT=${BENCH_SANDBOX_PORT:-18090}

# shellcheck source=bench/lib.sh
. bench/lib.sh
need wrk wrk
need psql postgresql-client
need curl curl
make -s build
ports_free "$PORT" "$MGMT_PORT" "$SANDBOX_PORT" \
  || { echo "set BENCH_PORT, BENCH_MANAGEMENT_PORT or BENCH_SANDBOX_PORT"; exit 1; }
work=$(mktemp -d)
mkdir -p bench/results
log=$work/gateway.log

# The sandbox runs as a process of its own: what it keeps in memory is Metrica's, not the gateway's.
java -Xmx1g -cp "$JAR" org.metricagateway.sandbox.SandboxMain "$SANDBOX_PORT" >"$work/sandbox.log" 2>&1 &
sandbox=$!
# shellcheck disable=SC2086 # GATEWAY_ENV holds several NAME=value words.
env DATA_DIR="$work/data" ADMIN_TOKEN="$TOKEN" CAMEL_SERVER_PORT="$PORT" CAMEL_MANAGEMENT_PORT="$MGMT_PORT" \
  METRICA_API_URL="http://127.0.0.1:$SANDBOX_PORT" METRICA_TOKEN=sandbox-token ${GATEWAY_ENV:-} \
  java ${JAVA_OPTS:--Xmx384m} -jar "$JAR" >"$log" 2>&1 &
gateway=$!
# A killed process makes wait fail (143): under set -e that ended the trap there, so the script failed (make bench
# stopped before drain.sh) and left its data directory behind.
stop_processes() {
  kill "$gateway" "$sandbox" 2>/dev/null || true
  wait "$gateway" "$sandbox" 2>/dev/null || true
  rm -rf "$work"
}
trap stop_processes EXIT

# Ready means our process logged its start (not some other process on the port) and readiness is UP.
for _ in $(seq 1 120); do
  kill -0 $gateway 2>/dev/null || { cat "$log"; exit 1; }
  grep -q 'metrica-offline-gateway) started' "$log" \
    && curl -sf "http://127.0.0.1:$MGMT_PORT/observe/health/ready" >/dev/null && break
  sleep 0.5
done
pg_port=$(grep -o 'Embedded PostgreSQL started on port [0-9]*' "$log" | awk '{print $NF}')
[ -n "$pg_port" ] || { echo "the gateway did not start:"; cat "$log"; exit 1; }
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -Atc "$1"; }

webhook=$(curl -sf -X POST "http://127.0.0.1:$PORT/api/webhooks" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d '{"name":"bench","counter_id":1}')
id=$(sed -E 's/.*"id":"([^"]+)".*/\1/' <<<"$webhook")
secret=$(sed -E 's/.*"secret":"([^"]+)".*/\1/' <<<"$webhook")
url="http://127.0.0.1:$PORT/webhooks/$id/conversions"
# Holds back the bench counter's uploads, as after a token error: batches form and stay open.
hold_uploads() {
  sql "INSERT INTO metrica_counter_pauses (counter_id, error_type, message) VALUES (1, 'benchmark', 'held back')" >/dev/null
}
peak_rss_mb() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$gateway/status"; }
