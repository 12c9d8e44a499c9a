#!/usr/bin/env bash
# compare-chromium.sh: the 8-zone sample run against headless Chromium
# printing the same content, each timed as a whole process, the way a user
# times it. Not run in CI (it needs a browser and a quiet machine).
#
#   bash scripts/compare-chromium.sh [zonebrief-runs] [chromium-runs-per-file]
#
# 1. builds zonebrief, 2. writes the sample briefings as HTML in the same font
# (zonebrief synth --sample-html), 3. times `zonebrief run --period 2023-06
# --format pdf` (every run a new process; the first, which builds the corpus
# cache, is not counted), 4. times `chromium --headless --print-to-pdf` once
# per HTML file, 5. prints medians, ms per briefing and the ratio.
# CHROMIUM=/path/to/chrome picks the browser (default: chromium,
# chromium-browser or google-chrome, whichever is installed).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
chromeRuns=${2:-3}
browser=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [ -z "$browser" ]; then
	echo "no chromium, chromium-browser or google-chrome in PATH (apt-get install chromium)" >&2
	exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go build -o "$tmp/zonebrief" ./cmd/zonebrief
"$tmp/zonebrief" synth --sample-html "$tmp/html" 2>/dev/null

now() { date +%s%N; }
median() { sort -n | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

# zonebrief: the whole process, from exec to exit, as `time zonebrief run …`.
zb=(run --config config.yaml --period 2023-06 --format pdf --out "$tmp/out")
"$tmp/zonebrief" "${zb[@]}" >/dev/null # warm-up: builds the corpus cache, fills the page cache
: >"$tmp/zb.ms"
for _ in $(seq "$runs"); do
	t0=$(now)
	"$tmp/zonebrief" "${zb[@]}" >/dev/null
	t1=$(now)
	echo $(((t1 - t0) / 1000)) >>"$tmp/zb.ms" # µs
done
pdfs=$(find "$tmp/out" -name '*.pdf' | wc -l)
zbMed=$(median <"$tmp/zb.ms")

# Chromium: one process per briefing, as a script printing each page would.
chrome=("$browser" --headless --disable-gpu --no-sandbox --no-pdf-header-footer --user-data-dir="$tmp/profile")
"${chrome[@]}" --print-to-pdf="$tmp/warm.pdf" "$tmp/html/all-zones.html" >/dev/null 2>&1 # warm-up
: >"$tmp/chrome.ms"
for _ in $(seq "$chromeRuns"); do
	for f in "$tmp"/html/*.html; do
		t0=$(now)
		"${chrome[@]}" --print-to-pdf="$tmp/$(basename "$f" .html).pdf" "$f" >/dev/null 2>&1
		t1=$(now)
		echo $(((t1 - t0) / 1000)) >>"$tmp/chrome.ms"
	done
done
files=$(find "$tmp/html" -name '*.html' | wc -l)
chMed=$(median <"$tmp/chrome.ms")

awk -v zb="$zbMed" -v n="$pdfs" -v ch="$chMed" -v runs="$runs" -v files="$files" -v cr="$chromeRuns" 'BEGIN {
	per = zb / n
	printf "zonebrief run (sample, %d PDFs): median %.1f ms over %d runs = %.1f ms per briefing\n", n, zb/1000, runs, per/1000
	printf "chromium --print-to-pdf:         median %.1f ms per file over %d files x %d runs\n", ch/1000, files, cr
	printf "ratio: zonebrief is %.0fx faster per briefing\n", ch / per
}'
