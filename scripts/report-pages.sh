#!/usr/bin/env bash
# The report sheets as printed: writes the report into the bundled example with the command line,
# prints it to PDF with LibreOffice (headless, a profile of its own) and saves each page of the
# add-in's sheets as a PNG in docs/screenshots/report/ (docs/cli.md shows them).
# Needs the command line built (npm run build:cli, or any test run), soffice, pdfinfo, pdftotext, pdftoppm.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node bin/mtfs.js report examples/corporate-resources-2015-with-proposals.xlsx -o "$work/report.xlsx" >/dev/null
soffice "-env:UserInstallation=file://$work/profile" --headless --convert-to pdf --outdir "$work" "$work/report.xlsx" >/dev/null 2>&1
out=docs/screenshots/report
rm -f "$out"/*.png
pages=$(pdfinfo "$work/report.pdf" | awk '/^Pages:/ {print $2}')
declare -A count
for ((i = 1; i <= pages; i++)); do
  top=$(pdftotext -f "$i" -l "$i" -layout "$work/report.pdf" - | sed -n 1p)
  for sheet in "MTFS Summary" "Proposal Scores" "MTFS Findings" "Scoring Model"; do
    if [[ "$top" == *"Corporate Resources Department"*"$sheet"* ]]; then
      slug=$(echo "$sheet" | tr 'A-Z ' 'a-z-')
      count[$slug]=$((${count[$slug]:-0} + 1))
      pdftoppm -f "$i" -l "$i" -r 80 -png -singlefile "$work/report.pdf" "$out/$slug-${count[$slug]}"
    fi
  done
done
ls -1 "$out"
