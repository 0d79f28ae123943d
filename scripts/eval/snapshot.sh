#!/usr/bin/env bash
# Writes the tree of a bare git dir as it was at a date (the last commit before it on the default
# branch, or HEAD when DATE is "head") into OUT. Snapshots may lack blobs of 4 MiB and more, so a
# failed `git archive` falls back to writing every blob that exists, one by one.
# Prints the commit id. Usage: snapshot.sh GITDIR DATE|head|COMMIT OUT
set -euo pipefail
git_dir=$1 date=$2 out=$3
if [ "$date" = head ]; then
  commit=$(git -C "$git_dir" rev-parse HEAD)
elif [[ $date =~ ^[0-9a-f]{40}$ ]]; then
  commit=$date
else
  # Midnight UTC, not the current time of day: the same DATE must give the same commit tomorrow.
  commit=$(git -C "$git_dir" rev-list -1 --first-parent --before="$date 00:00:00 +0000" HEAD)
fi
[ -n "$commit" ] || { echo "snapshot: no commit before $date in $git_dir" >&2; exit 2; }
rm -rf "$out" && mkdir -p "$out"
if ! git -C "$git_dir" archive "$commit" 2>/dev/null | tar -x -C "$out" 2>/dev/null; then
  rm -rf "$out" && mkdir -p "$out"
  git -C "$git_dir" ls-tree -r -z "$commit" | while IFS= read -r -d '' entry; do
    meta=${entry%%$'\t'*} path=${entry#*$'\t'}
    read -r mode type oid <<<"$meta"
    [ "$type" = blob ] || continue
    mkdir -p "$out/$(dirname "$path")"
    if [ "$mode" = 120000 ]; then
      ln -s "$(git -C "$git_dir" cat-file blob "$oid")" "$out/$path" 2>/dev/null || true
    else
      git -C "$git_dir" cat-file blob "$oid" >"$out/$path" 2>/dev/null || rm -f "$out/$path"
    fi
  done
fi
echo "$commit"
