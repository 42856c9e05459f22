#!/usr/bin/env bash
# Delivery benchmark: ingests CONVERSIONS conversions (default 1,000,000) into a freshly started gateway on its
# embedded PostgreSQL and local Metrica sandbox (the `make run` setup), then measures how long it takes until every
# one is uploaded, the rate of the backlog drain, row writes per conversion, and the gateway's peak memory.
#
#   bench/drain.sh                         # 1,000,000 conversions
#   CONVERSIONS=200000 bench/drain.sh      # a quicker run
set -euo pipefail
cd "$(dirname "$0")/.."

CONVERSIONS=${CONVERSIONS:-1000000}
BATCH=100
WRK_THREADS=2
CONNECTIONS=16
PORT=${BENCH_PORT:-18080}
MGMT_PORT=${BENCH_MANAGEMENT_PORT:-19876}
GATEWAY_ENV="UPLOAD_RESUME_INTERVAL_MS=1000"
# shellcheck source=bench/common.sh
. bench/common.sh
speed=$(cpu_speed)
result=bench/results/drain-$(date -u +%Y%m%dT%H%M%SZ).txt
uploaded() { sql "SELECT coalesce(sum(conversion_count), 0) FROM webhook_batches WHERE status IN ('uploaded', 'processed', 'linkage_failure')"; }

# Uploads are held back while ingesting (the counter is paused, as after a token error), so that the whole backlog
# is there when they start: the drain rate is then measured on its own. Batches still form during the ingest.
hold_uploads
requests=$((CONVERSIONS / BATCH))
start=$(date +%s.%N)
# wrk runs for its duration even when its threads stop early: it is interrupted (SIGINT, it then reports) once the
# gateway holds CONVERSIONS conversions.
BATCH=$BATCH WEBHOOK_SECRET=$secret RUN_ID=drain REQUESTS_PER_THREAD=$((requests / WRK_THREADS)) \
  wrk -t$WRK_THREADS -c$CONNECTIONS -d3600s -s bench/ingest.lua "$url" \
  > "$work/wrk.out" &
loader=$!
while [ "$(sql "SELECT count(*) FROM webhook_conversions")" -lt "$CONVERSIONS" ]; do sleep 0.5; done
kill -INT $loader
wait $loader || true
grep '^RESULT' "$work/wrk.out" > "$work/wrk.txt" || true
# wrk stops with requests still in flight; they are stored without wrk counting them: wait until the count stops
# moving, then complete the open groups (otherwise the last ones wait for the 5-minute tick).
stored=$(sql "SELECT count(*) FROM webhook_conversions")
while sleep 0.5; previous=$stored; stored=$(sql "SELECT count(*) FROM webhook_conversions"); [ "$stored" != "$previous" ]; do :; done
ingested=$(date +%s.%N)
curl -sf -X POST "http://127.0.0.1:$PORT/api/batches/flush" -H "Authorization: Bearer $TOKEN" >/dev/null
while [ "$(sql "SELECT count(*) FROM conversion_bundles WHERE batch_id IS NULL")" -gt 0 ]; do sleep 0.2; done
backlog=$((stored - $(uploaded)))
released=$(date +%s.%N)
curl -sf -X POST "http://127.0.0.1:$PORT/api/counters/1/resume" -H "Authorization: Bearer $TOKEN" >/dev/null
while [ "$(uploaded)" -lt "$stored" ]; do
  kill -0 $gateway 2>/dev/null || { tail -50 "$log"; exit 1; }
  sleep 1
done
done_at=$(date +%s.%N)
# PostgreSQL's table statistics are published by each backend within seconds: wait until they count every row.
for _ in $(seq 1 60); do
  [ "$(sql "SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'webhook_conversions'")" -ge "$stored" ] && break
  sleep 0.5
done
read -r inserts updates hot <<<"$(sql "SELECT n_tup_ins, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'webhook_conversions'" | tr '|' ' ')"
read -r bundles bundle_updates <<<"$(sql "SELECT n_tup_ins, n_tup_upd FROM pg_stat_user_tables WHERE relname = 'conversion_bundles'" | tr '|' ' ')"
# A conversion is in at most one batch: it names one bundle, and a bundle names one batch. This checks that every
# conversion is listed by the bundle it names, and that every bundle is in a batch.
unbatched=$(sql "SELECT count(*) FROM webhook_conversions c WHERE NOT EXISTS (SELECT 1 FROM conversion_bundles b WHERE b.id = c.bundle_id AND c.id = ANY (b.conversion_ids) AND b.batch_id IS NOT NULL)")
{
  echo "# $(date -u +%FT%TZ) on $(nproc) cores; $CONVERSIONS conversions in requests of $BATCH, $CONNECTIONS connections"
  echo "# host speed: sha256 at $speed MiB/s on one core (bench/lib.sh, cpu_speed)"
  echo "ingest: $(cat "$work/wrk.txt" | sed 's/^RESULT //')"
  awk -v s="$start" -v i="$ingested" -v r="$released" -v d="$done_at" -v n="$stored" -v b="$backlog" 'BEGIN {
    printf "stored=%d ingest_seconds=%.1f all_uploaded_after_seconds=%.1f\n", n, i - s, d - s;
    printf "backlog=%d (all batched, none uploaded) drained_in_seconds=%.1f drain_conversions_per_s=%.0f\n", b, d - r, b / (d - r) }'
  echo "conversion_row_writes: inserts=$inserts updates=$updates (hot $hot) => $(awk -v u="$updates" -v n="$stored" 'BEGIN {printf "%.2f", u / n}') updates per conversion after its insert; bundles=$bundles (claim updates $bundle_updates)"
  echo "batches=$(sql "SELECT count(*) FROM webhook_batches") conversions_in_no_batch=$unbatched sandbox_uploads_logged=$(grep -c 'uploaded to counter' "$log")"
  echo "gateway_peak_rss_mb=$(peak_rss_mb)"
} | tee "$result"
