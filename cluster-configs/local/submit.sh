#!/usr/bin/env bash
# Usage: submit.sh [longsight run options], e.g. --patterns full,paper-power --lengths 32K --output hdfs://nn/ls/run1
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$DIR/../common/submit.sh" "$DIR" "$@"
