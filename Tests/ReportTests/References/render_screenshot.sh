#!/bin/sh
# Renders the sample lesson (Tests/ReportTests/SampleLesson.swift) as a reader sees it on GitHub
# and takes a screenshot: docs/report-screenshot.png. LESSON=tour renders every sample block
# (screenshot.md leaves out the Mermaid diagram, which only GitHub draws).
# Needs Debian's cmark-gfm, chromium and fonts-noto-color-emoji.
# Usage: sh Tests/ReportTests/References/render_screenshot.sh [OUTPUT.png]
set -eu
out=${1:-docs/report-screenshot.png}
dir=$(mktemp -d)
GRADBOOK_REPORT_SAMPLE_DIR="$dir" swift test --filter SampleLessonTests >/dev/null
{
    cat <<'HTML'
<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>
body { font-family: -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; font-size: 16px;
       line-height: 1.5; color: #1f2328; background: #ffffff; max-width: 900px; margin: 0 auto; padding: 32px 40px; }
h1 { font-size: 2em; border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; margin: .67em 0 16px; }
h2 { font-size: 1.5em; border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; margin: 24px 0 16px; }
p, ul, table, pre { margin: 0 0 16px; }
ul { padding-left: 2em; }
li > ul { margin: 0; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 85%; padding: .2em .4em;
       background: rgba(129,139,152,0.12); border-radius: 6px; }
pre { background: #f6f8fa; border-radius: 6px; padding: 16px; overflow: auto; font-size: 85%; line-height: 1.45; }
pre code { background: none; padding: 0; font-size: 100%; }
table { border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
th { font-weight: 600; }
tr:nth-child(2n) { background: #f6f8fa; }
img { max-width: 100%; }
</style></head><body>
HTML
    cmark-gfm --unsafe --extension table "$dir/${LESSON:-screenshot}.md"
    echo '</body></html>'
} >"$dir/tour.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="$dir/shot.png" \
    --window-size=1000,${HEIGHT:-3080} "file://$dir/tour.html" 2>/dev/null
cp "$dir/shot.png" "$out"
echo "$dir/tour.html -> $out"
