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
