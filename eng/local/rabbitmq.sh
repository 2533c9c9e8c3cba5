#!/usr/bin/env bash
# Runs a private RabbitMQ node for one AppHost run: its own node name, data folder and ports.
# Environment: DATA_DIR, PORT (AMQP), MANAGEMENT_PORT, DIST_PORT, RABBITMQ_USER, RABBITMQ_PASSWORD.
set -euo pipefail
source "$(dirname "$0")/run-as.sh"

server=/usr/lib/rabbitmq/bin/rabbitmq-server
[ -x "$server" ] || { echo "RabbitMQ server not found: run eng/setup.sh" >&2; exit 1; }

mkdir -p "$DATA_DIR"
cat > "$DATA_DIR/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $MANAGEMENT_PORT
default_user = $RABBITMQ_USER
default_pass = $RABBITMQ_PASSWORD
loopback_users = none
CONF
echo '[rabbitmq_management].' > "$DATA_DIR/enabled_plugins"
own_dir rabbitmq "$DATA_DIR"

export HOME="$DATA_DIR" \
  RABBITMQ_NODENAME="microshop-$PORT@localhost" \
  RABBITMQ_MNESIA_BASE="$DATA_DIR/mnesia" \
  RABBITMQ_LOG_BASE="$DATA_DIR/log" \
  RABBITMQ_CONFIG_FILE="$DATA_DIR/rabbitmq" \
  RABBITMQ_ENABLED_PLUGINS_FILE="$DATA_DIR/enabled_plugins" \
  RABBITMQ_DIST_PORT="$DIST_PORT" \
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="+sbwt none +sbwtdcpu none +sbwtdio none"
# Erlang's schedulers spin while they wait for work; on two cores shared with six other processes that spinning takes
# CPU the others need (RabbitMQ's runtime guide recommends turning it off where cores are shared).
echo "RabbitMQ node $RABBITMQ_NODENAME: AMQP on 127.0.0.1:$PORT, management on http://127.0.0.1:$MANAGEMENT_PORT; console log in $DATA_DIR/console.log"
# The node's console output goes to a file: a closed stdout pipe hangs the node.
run_as rabbitmq "$server" >>"$DATA_DIR/console.log" 2>&1 &
node=$!
trap 'kill -TERM "$node" 2>/dev/null' TERM INT
wait "$node" || true
status=0
wait "$node" || status=$?
if [ "$status" -ne 0 ]; then
  # Why the node stopped (a port taken, a bad configuration) is at the end of its console log, not on this console.
  echo "RabbitMQ node exited with $status; the end of $DATA_DIR/console.log:" >&2
  tail -n 4 "$DATA_DIR/console.log" | cut -c 1-400 >&2
fi
exit "$status"
