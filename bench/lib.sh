# Shared by bench/run and bench/cluster: build, a fresh database, the server's environment, starting servers and
# the load generator. Loopback only. Needs PostgreSQL on 127.0.0.1:5432 (user postgres).
DB=chat_bench

bench_setup() {
  # the benchmark needs no UI: on a fresh clone there is no built one to pack, and an empty one will do
  mkdir -p src/main/frontend/build
  mvn -q -B package -DskipTests -Dfrontend.skip=true
  mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
  export DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB DB_USER=postgres
  export MP_JWT_VERIFY_PUBLICKEY_LOCATION=$PWD/src/test/resources/jwt/public.jwks.json
  export MP_JWT_VERIFY_ISSUER=https://issuer.test MP_JWT_VERIFY_AUDIENCES=chat-tests
  # the benchmark measures the server, not its per-connection request budget or outbound bound
  export CHAT_RATE_LIMIT_PER_SECOND=1000000 CHAT_RATE_LIMIT_BURST=1000000 CHAT_CONNECTION_MAX_PENDING_FRAMES=1000000
  export CHAT_CONNECTION_MAX_PENDING_BYTES=1000000000 CHAT_RATE_LIMIT_MAX_REFUSED=1000000
  SERVERS=()
  trap 'bench_stop_all' EXIT
}

# bench_start PORT NAME [VAR=VALUE...]: starts the jar with extra environment, waits until it is ready
bench_start() {
  local port=$1 name=$2; shift 2
  # BENCH_JAR: another build to measure (an earlier commit's jar, for a before/after in the same conditions)
  # BENCH_SERVER_ARGS: more arguments for Payara Micro (e.g. --prebootcommandfile FILE, to try a container setting)
  env "$@" java -Xmx2g ${BENCH_JAVA_OPTS:-} -jar "${BENCH_JAR:-target/chat-server.jar}" --port "$port" ${BENCH_SERVER_ARGS:-} > "target/bench-$name.log" 2>&1 &
  SERVERS+=($!)
  LAST_SERVER=$!
  for _ in $(seq 1 120); do grep -q "ready in" "target/bench-$name.log" && break; sleep 1; done
  grep -q "ready in" "target/bench-$name.log" || { echo "server $name did not start"; exit 1; }
}

# bench_start_floor PORT: the bare endpoint of bench/floor on the same Payara Micro, for the floor of the stack
bench_start_floor() {
  bench/floor/build.sh
  java -Xmx2g ${BENCH_JAVA_OPTS:-} -jar target/payara-micro.jar --deploy target/floor/ROOT.war --port "$1" \
    --nohazelcast --disablephonehome > target/bench-floor.log 2>&1 &
  SERVERS+=($!)
  LAST_SERVER=$!
  for _ in $(seq 1 120); do grep -q "ready in" target/bench-floor.log && break; sleep 1; done
  grep -q "ready in" target/bench-floor.log || { echo "floor server did not start"; exit 1; }
}

# bench_harness PERF_DIR: the team's Node harness ready to run, signing its tokens with the tests' key
bench_harness() {
  [ -d "$1/node_modules/ws" ] || (cd "$1" && npm install --silent --no-audit --no-fund >/dev/null 2>&1)
  mkdir -p target/bench-keys
  node -e 'const c=require("crypto"),f=require("fs");const k=JSON.parse(f.readFileSync(process.argv[1])).keys[0];
    f.writeFileSync(process.argv[2],c.createPrivateKey({key:k,format:"jwk"}).export({type:"pkcs8",format:"pem"}))' \
    src/test/resources/jwt/private.jwks.json target/bench-keys/private.pem
  export PERF_PRIVATE_KEY=$PWD/target/bench-keys/private.pem PERF_ISSUER=https://issuer.test PERF_AUDIENCE=chat-tests
}

bench_stop_all() {
  for pid in "${SERVERS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${SERVERS[@]}"; do wait "$pid" 2>/dev/null || true; done
  SERVERS=()
}

gen() {
  java -Xmx3g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    dev.enterprisechat.bench.LoadGenerator "$@" | grep -E "^(RESULT|HISTOGRAM)"
}

# notify_hop ROUNDS: PostgreSQL's own NOTIFY hop (a commit that notifies -> a listener has it), without the server
notify_hop() {
  java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.enterprisechat.bench.NotifyHop \
    "jdbc:postgresql://127.0.0.1:5432/$DB?user=postgres" "$1" | grep "^RESULT"
}

# process_ticks PID: the CPU the process has used (user + system), in clock ticks (1/100 s)
process_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# database_ticks: the CPU every PostgreSQL process has used, in clock ticks: the live ones', plus what the postmaster
# counts for its exited children (a backend that closes during a measurement keeps counting)
database_ticks() {
  local postmaster; postmaster=$(pgrep -u postgres -o postgres)
  { awk '{print $16 + $17}' "/proc/$postmaster/stat"
    for p in $(pgrep -u postgres postgres); do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null; done; } |
    awk '{s += $1} END {print s}'
}

machine() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
}
