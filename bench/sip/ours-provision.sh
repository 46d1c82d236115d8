#!/usr/bin/env bash
# Creates the benchmark's users on our node through the `uc` shell (use as OURS_PROVISION="bench/sip/ours-provision.sh").
# Reads BENCH_USERS_CSV (SIPp injection file: a header line, then "user;password") and BENCH_DOMAIN, writes one
# shell command per user from the template OURS_USER_CMD, and runs them as one scripted `uc` session
# (docs/operations/shell.md, "Scripted input"). Placeholders: {user} {domain} {password}.
#   OURS_USER_CMD   default 'user add {user}@{domain} --password {password}'   (DRAFT: the user palette is not
#                   in the shell yet; set the real command when it lands)
#   OURS_SHELL_ADDR default 127.0.0.1:9160 (uc.shell.port in bench/sip/ours.conf)
#   OURS_NO_BUILD=1 skip the Release build of the shell
# Must be idempotent: run.sh provisions after every start of the node (a user that exists is not an error, or
# the data directory is fresh anyway, as ours-start.sh gives each run its own).
set -euo pipefail
cd "$(dirname "$0")/../.."
csv=${BENCH_USERS_CSV:?BENCH_USERS_CSV is required}
domain=${BENCH_DOMAIN:-bench.local}
template=${OURS_USER_CMD:-'user add {user}@{domain} --password {password}'}
if [ "${OURS_NO_BUILD:-0}" != 1 ]; then
  dotnet build -c Release src/Cluster.Shell -nologo -v quiet >&2
fi
awk -F';' -v t="$template" -v d="$domain" 'NR > 1 && NF >= 2 && $1 != "" {
    line = t; gsub(/\{user\}/, $1, line); gsub(/\{domain\}/, d, line); gsub(/\{password\}/, $2, line); print line }' "$csv" \
  | dotnet src/Cluster.Shell/bin/Release/net10.0/uc.dll "${OURS_SHELL_ADDR:-127.0.0.1:9160}"
