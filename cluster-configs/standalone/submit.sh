#!/usr/bin/env bash
# Usage: submit.sh [longsight run options], e.g. --patterns full,paper-power --lengths 32K --output hdfs://nn/ls/run1
# The master, the workers and this application share one authentication secret, read from this file.
export LONGSIGHT_AUTH_SECRET_FILE="${LONGSIGHT_AUTH_SECRET_FILE:-$HOME/.config/longsight/spark-auth-secret}"
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$DIR/../common/submit.sh" "$DIR" "$@"
