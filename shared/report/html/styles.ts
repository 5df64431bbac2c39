/**
 * The report's stylesheet, inlined so the file opens offline. Installed fonts only (no web
 * fonts): DejaVu first, which every Debian machine with fonts-dejavu-core has, so the report
 * looks the same on each, then the platforms' own faces. Fixed-size SVG charts that scale down on narrow screens, and a print layout: white
 * background, no shadows, sections kept whole across pages.
 */
export const REPORT_CSS = `
:root { --fg: #1d1f23; --muted: #5d6470; --line: #d9dde3; --bg: #ffffff; --panel: #f6f7f9; --accent: #0072b2; }
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0; font: 14px/1.5 "DejaVu Sans", system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 20px 48px; }
header h1 { font-size: 24px; margin: 0 0 4px; overflow-wrap: anywhere; }
.sub { color: var(--muted); margin: 0; }
h2 { font-size: 17px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 14px; margin: 16px 0 6px; }
p, li { max-width: 80ch; }
ul.story { padding-left: 20px; margin: 6px 0; }
ul.story li { margin: 3px 0; }
.numbers { display: grid; grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); gap: 8px; margin: 0; }
.numbers div { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
.numbers dt { color: var(--muted); font-size: 12px; }
.numbers dd { margin: 0; font-size: 18px; font-variant-numeric: tabular-nums; }
.bound { background: var(--panel); border-left: 4px solid var(--accent); padding: 10px 14px; border-radius: 0 6px 6px 0; }
.bound ul { margin: 0 0 8px; padding-left: 18px; }
.bound p { margin: 0; color: var(--fg); }
table { border-collapse: collapse; width: 100%; margin: 6px 0; font-variant-numeric: tabular-nums; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
th { font-weight: 600; color: var(--muted); white-space: nowrap; }
td.num, th.num { text-align: right; }
code { font: 12.5px "DejaVu Sans Mono", ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
figure { margin: 0; }
figcaption { font-size: 12px; color: var(--muted); margin-top: 2px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(470px, 1fr)); gap: 16px 20px; }
svg { display: block; max-width: 100%; height: auto; font-family: inherit; }
svg text { fill: #3d434c; font-size: 11px; }
svg .title { font-size: 12.5px; font-weight: 600; fill: var(--fg); }
svg .grid { stroke: #e6e9ee; stroke-width: 1; }
svg .axis { stroke: #9aa1ab; stroke-width: 1; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 8px 0 0; padding: 0; list-style: none; font-size: 12px; }
.legend li { display: flex; align-items: center; gap: 5px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; border: 1px solid rgba(0,0,0,.15); }
.note { color: var(--muted); font-size: 12px; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@media print {
  @page { margin: 12mm; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  section, figure, table, .bound { break-inside: avoid; }
  .charts { grid-template-columns: 1fr 1fr; }
  a { color: inherit; text-decoration: none; }
}
`;
