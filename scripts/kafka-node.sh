#!/usr/bin/env bash
# One node of a local KRaft Kafka cluster (broker + controller in one JVM), from the Maven Central jars.
#   bash scripts/kafka-node.sh start <state dir> <node id> <node count> <base port>
#   bash scripts/kafka-node.sh stop  <state dir> <node id>      (SIGTERM, then SIGKILL after 30 s)
#   bash scripts/kafka-node.sh kill  <state dir> <node id>      (SIGKILL: a crash)
# Node i listens on base+10(i-1) (clients) and base+10(i-1)+1 (controller). With 3 or more nodes topics
# default to replication factor 3 and min.insync.replicas 2; with one, 1 and 1. The jars are resolved into
# .infra/kafka/libs on first use (cached in ~/.m2). Data lives in <state dir>/node-<i>/data.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cmd=$1 dir=$2 id=$3
ndir="$dir/node-$id"
LIBS="$ROOT/.infra/kafka/libs"
LOG4J="-Dlog4j.configuration=file:$ROOT/infra/kafka/log4j.properties"
# The pid file names a live broker only if that process is a Kafka JVM: after a reboot or a crash its pid may
# belong to any other process, which must be neither taken for the broker nor signalled.
broker_pid() { local pid; pid=$(cat "$1" 2>/dev/null) || return 1; grep -qa 'kafka\.Kafka' "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"; }
case "$cmd" in
  start)
    count=$4 base=$5
    mkdir -p "$ndir/data"
    if broker_pid "$ndir/kafka.pid" >/dev/null; then exit 0; fi
    if ! ls "$LIBS"/kafka_2.13-*.jar >/dev/null 2>&1; then
      mvn -B -q -f "$ROOT/infra/kafka/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIBS"
    fi
    voters=""
    for i in $(seq 1 "$count"); do voters+="${voters:+,}$i@127.0.0.1:$((base + 10 * (i - 1) + 1))"; done
    port=$((base + 10 * (id - 1)))
    rf=1 isr=1
    if [ "$count" -ge 3 ]; then rf=3 isr=2; fi
    sed -e "s#@LOG_DIRS@#$ndir/data#" \
        -e "s#^node.id=.*#node.id=$id#" \
        -e "s#^controller.quorum.voters=.*#controller.quorum.voters=$voters#" \
        -e "s#^listeners=.*#listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$((port + 1))#" \
        -e "s#^advertised.listeners=.*#advertised.listeners=PLAINTEXT://127.0.0.1:$port#" \
        -e "s#^default.replication.factor=.*#default.replication.factor=$rf#" \
        -e "s#^min.insync.replicas=.*#min.insync.replicas=$isr#" \
        -e "s#^offsets.topic.replication.factor=.*#offsets.topic.replication.factor=$rf#" \
        -e "s#^transaction.state.log.replication.factor=.*#transaction.state.log.replication.factor=$rf#" \
        -e "s#^transaction.state.log.min.isr=.*#transaction.state.log.min.isr=$isr#" \
        "$ROOT/infra/kafka/server.properties" >"$ndir/server.properties"
    if [ "$count" -ge 3 ]; then
      # Failover in ~3 s instead of ~12 s: a lost active controller is replaced within ~1.5 s (followers
      # give up on it after 1 s, elections time out after 0.5 s; defaults 2 s and 1 s), and a lost broker
      # is fenced (its partitions get new leaders) 2 s after its last heartbeat (default 9 s).
      printf '%s\n' controller.quorum.fetch.timeout.ms=1000 controller.quorum.election.timeout.ms=500 \
        controller.quorum.election.backoff.max.ms=500 broker.session.timeout.ms=2000 \
        broker.heartbeat.interval.ms=500 >>"$ndir/server.properties"
    fi
    if [ ! -f "$ndir/data/meta.properties" ]; then
      # Every node of one cluster is formatted with the same cluster id (kept beside the nodes).
      if [ ! -f "$dir/cluster.id" ]; then
        java $LOG4J -cp "$LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1 >"$dir/cluster.id"
      fi
      cid=$(cat "$dir/cluster.id")
      [[ "$cid" =~ ^[A-Za-z0-9_-]{22}$ ]] || { echo "[kafka] bad cluster id: $cid" >&2; exit 1; }
      java $LOG4J -cp "$LIBS/*" kafka.tools.StorageTool format -t "$cid" -c "$ndir/server.properties" >/dev/null
    fi
    # ParallelGC with one GC thread and 1 network + 2 I/O threads (defaults G1, 3 and 8): on this 2-core
    # machine the broker's CPU per case fell ~13 % and its idle burn by half (README Performance).
    nohup java -Xms256m -Xmx512m -XX:+UseParallelGC -XX:ParallelGCThreads=1 ${KAFKA_JAVA_ARGS:-} $LOG4J -cp "$LIBS/*" kafka.Kafka "$ndir/server.properties" \
      >"$ndir/kafka.log" 2>&1 &
    echo $! >"$ndir/kafka.pid"
    echo "[kafka] node $id of $count started on 127.0.0.1:$port (pid $!)"
    ;;
  stop | kill)
    [ -f "$ndir/kafka.pid" ] || exit 0
    if pid=$(broker_pid "$ndir/kafka.pid"); then
      if [ "$cmd" = kill ]; then kill -KILL "$pid"; else kill -TERM "$pid"; fi
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    fi
    rm -f "$ndir/kafka.pid"
    ;;
  *) echo "usage: kafka-node.sh start|stop|kill <dir> <id> [count base]" >&2; exit 2 ;;
esac
