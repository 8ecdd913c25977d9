#!/usr/bin/env bash
# Usage: submit.sh [longsight run options], e.g. --patterns full,paper-power --lengths 32K --output hdfs://nn/ls/run1
# The jar is inside the image (cluster mode): local:// names a path in the container.
export LONGSIGHT_JAR="${LONGSIGHT_JAR:-local:///opt/longsight/longsight-job-0.1.0-app.jar}"
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$DIR/../common/submit.sh" "$DIR" "$@"
