#!/usr/bin/env bash
# Copies the fixture sets from the project's shared material (the folder
# shared/ beside the repository on a developer's machine) into testdata/. Does
# nothing when that folder is not there: a fresh clone already holds the
# copies, and the tests read only testdata/.
#   bash testdata/sync.sh            # copy, then `git diff --stat testdata` shows what changed
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="$(cd "$here/../.." 2>/dev/null && pwd)/shared"
if [ ! -d "$src/seed" ]; then
  echo "sync: no shared/ folder beside the repository; testdata/ left as it is"
  exit 0
fi
copy() { # copy SRC_FILE DEST_DIR
  mkdir -p "$2"
  cp -f "$1" "$2/"
}
for f in page-2023-06.txt gold.yaml; do copy "$src/seed/$f" "$here/seed"; done
cp -f "$src/seed/README.md" "$here/seed/NOTES.md"
for f in "$src"/dev/[0-9][0-9].txt "$src"/dev/[0-9][0-9].gold.yaml; do copy "$f" "$here/dev"; done
cp -f "$src/dev/README.md" "$here/dev/NOTES.md"
for f in cn2an.json duckling.json; do copy "$src/peer/$f" "$here/peer"; done
cp -f "$src/peer/README.md" "$here/peer/NOTES.md"
copy "$src/data/zones.tsv" "$here/gazetteer"
cp -f "$src/data/README.md" "$here/gazetteer/NOTES.md"
for f in provinces.csv cities.csv areas.csv LICENSE; do copy "$src/data/admin-divisions/$f" "$here/admin-divisions"; done
cp -f "$src/data/admin-divisions/README.md" "$here/admin-divisions/NOTES.md"
copy "$src/docs/metric-labels.md" "$here/dev"
chmod -R u+w "$here"
echo "sync: copied seed, dev, peer, gazetteer and admin-divisions from $src"
