/**
 * A file that cannot be imported: the message names where (line, entry), what was found and
 * what was expected, so a user can open the file at that line and see it.
 */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** A value as a short quote for a message: strings quoted, long ones cut. */
export function quote(value: unknown): string {
  if (value === undefined) return 'missing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
