#!/usr/bin/env bash
# Sweep of the media relay load test: for each N, N anchored calls on one node's media edge relay G.711-like RTP
# (50 packets/s per direction per leg, 172-byte packets) for S seconds; the run passes when loss < 0.1 %.
# Usage: bench/media/media-load.sh [SECONDS] [N...]      (defaults: 10 s; 100 300 500 1000 calls)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-10}"
shift || true
counts=("${@:-100 300 500 1000}")
dotnet build -c Release bench/Edges.Bench >/dev/null
for n in ${counts[@]}; do
  dotnet bench/Edges.Bench/bin/Release/net10.0/Edges.Bench.dll media-load --calls "$n" --seconds "$seconds" || true
done
