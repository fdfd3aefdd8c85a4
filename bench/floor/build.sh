#!/usr/bin/env bash
# Builds target/floor/ROOT.war: the bare endpoint of bench/floor (see FloorEndpoint.java), for bench/run.
# Needs target/bench.classpath (bench_setup writes it).
set -euo pipefail
cd "$(dirname "$0")/../.."
API=$(tr ':' '\n' < target/bench.classpath | grep 'jakarta.websocket' | paste -sd:)
rm -rf target/floor && mkdir -p target/floor/war/WEB-INF/classes
javac -d target/floor/war/WEB-INF/classes -cp "$API" bench/floor/FloorEndpoint.java
(cd target/floor/war && jar cf ../ROOT.war .)
