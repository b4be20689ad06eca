#!/usr/bin/env bash
# Scale benchmark: generate a synthetic city and a national run, time
# `soket build` on them with /usr/bin/time -v (wall time, peak memory).
# Usage: bench/run.sh [WORKDIR]   (needs GNU time: apt-get install time)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/soket-bench}
cargo build --release --quiet --example gen_city
cargo build --release --quiet
bin=target/release/soket
gen=target/release/examples/gen_city
rm -rf "$work" && mkdir -p "$work"
echo "cores: $(nproc)"

run() { # name dir
  local name=$1 dir=$2
  /usr/bin/time -v "$bin" build "$dir" -o "$work/out-$name" -q 2> "$work/time-$name.txt" || true
  local wall mem
  wall=$(grep "Elapsed (wall clock)" "$work/time-$name.txt" | awk '{print $NF}')
  mem=$(grep "Maximum resident" "$work/time-$name.txt" | awk '{print $NF}')
  echo "$name: wall $wall, peak ${mem} KB"
}

"$gen" "$work/district" 1 15 100 4 2>/dev/null
run district "$work/district/quan-01"
"$gen" "$work/city" 30 15 100 4 2>/dev/null
run city "$work/city"
"$gen" "$work/nation" 34 3321/ 100 4 2>/dev/null
run national "$work/nation"
# The read floor: open and parse every workbook only.
"$bin" bench-read "$work/city" 2>&1 | tail -1 | sed 's/^/city /' || true
"$bin" bench-read "$work/nation" 2>&1 | tail -1 | sed 's/^/national /' || true
