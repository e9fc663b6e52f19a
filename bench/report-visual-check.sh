#!/usr/bin/env bash
# Visual check of the report sinks: renders the sample bulletin, converts the DOCX files to PDF
# with LibreOffice and the pages to PNG (60 dpi), and the SVG charts to PNG.
# Needs: libreoffice (or soffice), pdftoppm (poppler-utils), rsvg-convert (librsvg2-bin),
# fonts-noto-cjk. Usage: bench/report-visual-check.sh [OUT_DIR]
set -euo pipefail
out="${1:-/tmp/report-check}"
cd "$(dirname "$0")/.."
cargo run -q -p xunwang-report --example report-sample -- "$out"
office="$(command -v libreoffice || command -v soffice)"
# Linux has none of the GB/T 9704 fonts: map them to look-alikes for this check only
# (小标宋/宋体 → Noto Serif CJK SC Bold/Regular, 仿宋 → Noto Serif CJK SC, 黑体 → Noto Sans CJK SC,
# 楷体 → AR PL UKai CN from fonts-arphic-ukai when installed).
conf="$out/fonts.conf"
alias() { # family target [weight]
  local w=""; [ -n "${3:-}" ] && w="<edit name=\"weight\" mode=\"assign\"><const>$3</const></edit>"
  echo "<match target=\"pattern\"><test name=\"family\"><string>$1</string></test><edit name=\"family\" mode=\"assign\" binding=\"strong\"><string>$2</string></edit>$w</match>"
}
{
  echo '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
  alias "方正小标宋简体" "Noto Serif CJK SC" bold
  for f in 宋体 SimSun; do alias "$f" "Noto Serif CJK SC"; done
  for f in 仿宋_GB2312 仿宋 FangSong; do alias "$f" "Noto Serif CJK SC"; done
  for f in 黑体 SimHei; do alias "$f" "Noto Sans CJK SC"; done
  for f in 楷体_GB2312 楷体 KaiTi; do alias "$f" "AR PL UKai CN"; done
  echo '</fontconfig>'
} > "$conf"
export FONTCONFIG_FILE="$conf"
for f in bulletin site-sheet site-sheet-vetoed; do
  "$office" --headless --convert-to pdf --outdir "$out" "$out/$f.docx" >/dev/null
  pdftoppm -png -r 60 "$out/$f.pdf" "$out/$f"
done
for c in pass-rate score-bands; do
  rsvg-convert "$out/charts/$c.svg" -o "$out/charts/$c.png"
done
pdffonts "$out/bulletin.pdf" || true
ls "$out" "$out/charts"
