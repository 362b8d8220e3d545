#!/usr/bin/env bash
# Provision LanguageTool for CI: make sure Java 17+ and Maven exist (apt-get when missing),
# then let rolint resolve LanguageTool from Maven Central into its cache.
# Cache ~/.m2 (and optionally $ROLINT_CACHE_DIR) between CI runs to skip the downloads.
set -euo pipefail

PYTHON="${PYTHON:-python}"
if [ -x .venv/bin/python ] && [ "${PYTHON}" = python ]; then PYTHON=.venv/bin/python; fi

need_apt=()
java_ok() {
  command -v java >/dev/null 2>&1 || return 1
  local v
  v="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
  [ -n "$v" ] && [ "$v" -ge 17 ]
}
java_ok || need_apt+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || need_apt+=(maven)

if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "Installing ${need_apt[*]} with apt-get"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

java -version 2>&1 | head -n1 || true  # head may close the pipe early (SIGPIPE under pipefail)
mvn -v 2>&1 | head -n1 || true
mkdir -p "${HOME}/.m2"
"${PYTHON}" -m rolint.languagetool.provision
