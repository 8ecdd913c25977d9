#!/usr/bin/env bash
# Spark GPU discovery script for LongSight executors (and standalone workers).
# Prints the resource JSON Spark expects: {"name":"gpu","addresses":["0","1",...]}.
# Addresses are nvidia-smi indices; LongSight binds a task's address i to OpenCL GPU i, so keep
# CUDA_DEVICE_ORDER=PCI_BUS_ID (the spark-defaults here set it) to make both orders agree.
# Hosts without nvidia-smi (AMD/Intel GPUs through OpenCL): counts OpenCL GPUs with clinfo.
# LONGSIGHT_GPU_ADDRESSES="0,1" overrides both (e.g. to hand out a subset).
set -euo pipefail

emit() { # emit ADDRESS... -> the JSON line
  local out="" a
  for a in "$@"; do out+="${out:+,}\"$a\""; done
  printf '{"name":"gpu","addresses":[%s]}\n' "$out"
}

if [[ -n "${LONGSIGHT_GPU_ADDRESSES:-}" ]]; then
  IFS=',' read -r -a addrs <<< "$LONGSIGHT_GPU_ADDRESSES"
  emit "${addrs[@]}"
elif command -v nvidia-smi >/dev/null 2>&1; then
  mapfile -t addrs < <(nvidia-smi --query-gpu=index --format=csv,noheader | tr -d ' ')
  emit "${addrs[@]}"
elif command -v clinfo >/dev/null 2>&1; then
  n=$(clinfo --raw 2>/dev/null | grep -c 'CL_DEVICE_TYPE[[:space:]].*CL_DEVICE_TYPE_GPU' || true)
  addrs=()
  for ((i = 0; i < n; i++)); do addrs+=("$i"); done
  emit "${addrs[@]}"
else
  emit
fi
