/**
 * Escaping for HTML text and attribute values. Run names, endpoint names and error messages come
 * from users and from the network: every piece of text that reaches the report goes through
 * `esc`, so `<script>` in a run name is shown, never run.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in element content and in double- or single-quoted attribute values. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A number for an SVG attribute: short, never exponent notation, never NaN. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return '0';
  return String(Math.round(x * 100) / 100);
}
