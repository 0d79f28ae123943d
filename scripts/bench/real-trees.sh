#!/usr/bin/env bash
# Writes the trees pinned in scripts/bench/real-trees.txt into DEST/<name>, each at its commit.
# Usage: real-trees.sh DEST [MIRRORS]
#   MIRRORS: a folder of bare git dirs (MIRRORS/openstack+<name>/repo, as this project's tooling
#   fetches them); without it each repo is cloned bare from opendev.org into DEST/.git-<name>.
set -euo pipefail
dest=$1 mirrors=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dest"
grep -v '^#' "$here/real-trees.txt" | while read -r name commit; do
  [ -n "$name" ] || continue
  git_dir=${mirrors:+$mirrors/openstack+$name/repo}
  if [ -z "$git_dir" ] || [ ! -d "$git_dir" ]; then
    git_dir=$dest/.git-$name
    [ -d "$git_dir" ] || git clone --quiet --bare "https://opendev.org/openstack/$name" "$git_dir"
  fi
  got=$(bash "$here/../eval/snapshot.sh" "$git_dir" "$commit" "$dest/$name")
  echo "$name $got"
done
