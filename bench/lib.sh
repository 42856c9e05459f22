# Helpers of the bench scripts (source it).

# need <command> <Debian package>: installs the package when the command is missing.
need() { command -v "$1" >/dev/null || { echo "installing $2"; apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }

# ports_free <port>...: fails, naming the first one, when a port already has a listener.
ports_free() {
  local port
  for port in "$@"; do
    if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is in use"; return 1; fi
  done
}

# cpu_times: "steal idle total" ticks of the whole machine (/proc/stat). Steal is time the hypervisor gave to other
# guests: a run with steal measured a shared host, not the code.
cpu_times() { awk '/^cpu / {print $9, $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }

# cpu_share <before> <after>: "steal_pct=.. idle_pct=.." between two cpu_times readings.
cpu_share() {
  awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " "); t = y[3] - x[3];
    printf "steal_pct=%.1f idle_pct=%.1f", 100 * (y[1] - x[1]) / t, 100 * (y[2] - x[2]) / t }'
}

# cpu_speed: how fast one core of this host is right now, as MiB/s of SHA-256 over 512 MiB of zeros. The host is
# shared and its speed changes from hour to hour (the same build measured 42k and 50k conversions/s an hour apart):
# compare runs only at similar speeds.
cpu_speed() {
  local start end
  start=$(date +%s%N)
  head -c 536870912 /dev/zero | sha256sum >/dev/null
  end=$(date +%s%N)
  echo $((512 * 1000000000 / (end - start)))
}
