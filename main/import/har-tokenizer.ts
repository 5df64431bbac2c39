/**
 * A streaming walk through a HAR file to its `log.entries`, handing over one entry at a time.
 *
 * A HAR file is one JSON document (`{"log": {"version", "creator", "pages", "entries": […]}}`),
 * often hundreds of megabytes because entries can carry response bodies. `JSON.parse` would need
 * the whole text and then the whole tree. This reads text in chunks of any size, split anywhere
 * (inside a string, an escape, a number, a multi-byte character's UTF-16 pair), and keeps only
 * the entry it is inside: structure outside the entries is tracked with a stack of containers
 * and two remembered keys; each entry's text is gathered from its `{` to the matching `}` and
 * then parsed by `JSON.parse`, which also checks it.
 *
 * What it checks: the structure on the way to `log.entries` (objects, keys, colons, commas,
 * lists, strings, number and literal tokens) and each entry. Once `log.entries` closes it stops
 * (`done`) and does not look at the rest of the file. A key given twice takes the first (where
 * `JSON.parse` would take the last). Errors name the line and column, or the entry and the line
 * it starts on.
 */
import { ImportError } from './import-error.ts';

/** Longest entry, in characters: a body of a few megabytes is common, a gigabyte entry is not a HAR. */
export const MAX_ENTRY_CHARS = 64 * 1024 * 1024;
/** Deepest nesting outside the entries. */
const MAX_DEPTH = 1_000;
/** Longest key or bare token (number, literal) outside the entries. */
const MAX_TOKEN_CHARS = 10_000;

/** Character codes the scanner compares against. */
const C = {
  NL: 10,
  CR: 13,
  TAB: 9,
  SPACE: 32,
  QUOTE: 34,
  COMMA: 44,
  COLON: 58,
  BACKSLASH: 92,
  LBRACE: 123,
  RBRACE: 125,
  LBRACKET: 91,
  RBRACKET: 93,
  BOM: 0xfeff,
} as const;

type Role = 'root' | 'log' | 'entries' | 'skip';
/** What an object or list expects next. */
type Expect = 'key-or-end' | 'key' | 'colon' | 'value' | 'value-or-end' | 'comma-or-end';
interface Frame {
  list: boolean;
  role: Role;
  expect: Expect;
  key: string | null;
}

type Mode = 'structure' | 'string' | 'token' | 'entry';

const TOKEN = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/;

function kindOf(c: number): string {
  if (c === C.LBRACE) return 'an object';
  if (c === C.LBRACKET) return 'a list';
  if (c === C.QUOTE) return 'a string';
  return 'a number or literal';
}

export class HarEntryReader {
  private stack: Frame[] = [];
  private mode: Mode = 'structure';
  private seenRoot = false;
  private seenLog = false;
  private seenEntries = false;
  /** `log.entries` has closed: the rest of the file is not needed. */
  done = false;
  private entries = 0;
  // Position, for messages.
  private line = 1;
  private consumed = 0;
  private lineStart = 0;
  // A string in progress: a key to remember (root and log keys) or anything else to skip.
  private isKey = false;
  private keep = false;
  private escape = false;
  private parts: string[] = [];
  private partsChars = 0;
  // A bare token (number, true, false, null) in progress.
  private token = '';
  // An entry in progress.
  private depth = 0;
  private inString = false;
  private entryLine = 0;

  constructor(private readonly onEntry: (entry: unknown, index: number, line: number) => void) {}

  /** Entries handed over so far. */
  get count(): number {
    return this.entries;
  }

  /** Reads the next piece of the text; throws an ImportError at the first problem. */
  write(chunk: string): void {
    let i = 0;
    while (i < chunk.length && !this.done) {
      if (this.mode === 'entry') i = this.scanEntry(chunk, i);
      else if (this.mode === 'string') i = this.scanString(chunk, i);
      else if (this.mode === 'token') i = this.scanToken(chunk, i);
      else i = this.structure(chunk, i);
    }
    this.consumed += chunk.length;
  }

  /** The text has ended: throws when it ended before `log.entries` did. */
  end(): void {
    if (this.done) return;
    const total = `${this.entries} ${this.entries === 1 ? 'entry' : 'entries'}`;
    if (this.mode === 'entry')
      throw new ImportError(
        `the file ends inside entry ${this.entries + 1} (from line ${this.entryLine}): it is cut short`,
      );
    if (!this.seenRoot) throw new ImportError('the file is empty; expected a HAR file, {"log": {"entries": […]}}');
    if (this.seenEntries) throw new ImportError(`the file ends inside log.entries after ${total}: it is cut short`);
    throw new ImportError('the file ends before log.entries: it is cut short');
  }

  private at(i: number): string {
    const pos = this.consumed + i;
    return `line ${this.line}, column ${pos - this.lineStart + 1}`;
  }

  private newline(i: number): void {
    this.line++;
    this.lineStart = this.consumed + i + 1;
  }

  private fail(i: number, what: string, c: number): never {
    const got = Number.isNaN(c) ? 'the end' : JSON.stringify(String.fromCharCode(c));
    throw new ImportError(`${this.at(i)}: expected ${what}; got ${got}`);
  }

  /** One character between tokens. */
  private structure(s: string, i: number): number {
    const c = s.charCodeAt(i);
    if (c === C.SPACE || c === C.TAB || c === C.CR) return i + 1;
    if (c === C.NL) {
      this.newline(i);
      return i + 1;
    }
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      if (c === C.BOM && !this.seenRoot && this.consumed + i === 0) return i + 1;
      if (this.seenRoot) this.fail(i, 'nothing after the HAR object', c);
      if (c !== C.LBRACE) this.fail(i, 'a HAR file, a JSON object {"log": …}', c);
      this.seenRoot = true;
      this.stack.push({ list: false, role: 'root', expect: 'key-or-end', key: null });
      return i + 1;
    }
    switch (top.expect) {
      case 'key-or-end':
      case 'key':
        if (c === C.RBRACE && top.expect === 'key-or-end') return this.close(i);
        if (c !== C.QUOTE)
          this.fail(i, top.expect === 'key' ? 'a key in double quotes' : 'a key in double quotes or "}"', c);
        top.expect = 'colon';
        return this.beginString(i, true, top.role === 'root' || top.role === 'log');
      case 'colon':
        if (c !== C.COLON) this.fail(i, '":" after the key', c);
        top.expect = 'value';
        return i + 1;
      case 'comma-or-end':
        if (c === C.COMMA) {
          top.expect = top.list ? 'value' : 'key';
          return i + 1;
        }
        if (c === (top.list ? C.RBRACKET : C.RBRACE)) return this.close(i);
        return this.fail(i, top.list ? '"," or "]"' : '"," or "}"', c);
      case 'value-or-end':
        if (c === C.RBRACKET) return this.close(i);
        return this.beginValue(s, i, top);
      case 'value':
        return this.beginValue(s, i, top);
    }
  }

  private beginValue(s: string, i: number, parent: Frame): number {
    const c = s.charCodeAt(i);
    const key = parent.list ? null : parent.key;
    parent.expect = 'comma-or-end';
    let role: Role = 'skip';
    if (parent.role === 'root' && key === 'log') {
      if (c !== C.LBRACE) throw new ImportError(`${this.at(i)}: "log" is ${kindOf(c)}; expected an object`);
      role = 'log';
      this.seenLog = true;
    } else if (parent.role === 'log' && key === 'entries') {
      if (c !== C.LBRACKET) throw new ImportError(`${this.at(i)}: "log.entries" is ${kindOf(c)}; expected a list`);
      role = 'entries';
      this.seenEntries = true;
    } else if (parent.role === 'entries') {
      if (c !== C.LBRACE)
        throw new ImportError(`${this.at(i)}: entry ${this.entries + 1} is ${kindOf(c)}; expected an object`);
      this.mode = 'entry';
      this.depth = 0;
      this.inString = false;
      this.escape = false;
      this.parts = [];
      this.partsChars = 0;
      this.entryLine = this.line;
      return i;
    }
    if (c === C.LBRACE || c === C.LBRACKET) {
      if (this.stack.length >= MAX_DEPTH)
        throw new ImportError(`${this.at(i)}: nested deeper than ${MAX_DEPTH} levels`);
      const list = c === C.LBRACKET;
      this.stack.push({ list, role, expect: list ? 'value-or-end' : 'key-or-end', key: null });
      return i + 1;
    }
    if (c === C.QUOTE) return this.beginString(i, false, false);
    if (c === 45 || (c >= 48 && c <= 57) || c === 116 || c === 102 || c === 110) {
      this.mode = 'token';
      this.token = '';
      return i;
    }
    return this.fail(i, 'a value (an object, list, string, number, true, false or null)', c);
  }

  private close(i: number): number {
    const frame = this.stack.pop() as Frame;
    if (frame.role === 'entries') this.done = true;
    else if (frame.role === 'log' && !this.seenEntries)
      throw new ImportError(`${this.at(i)}: "log" has no "entries" list; a HAR file keeps its requests in log.entries`);
    else if (frame.role === 'root' && !this.seenLog)
      throw new ImportError(`${this.at(i)}: the object has no "log"; a HAR file is {"log": {"entries": […]}}`);
    return i + 1;
  }

  private beginString(i: number, isKey: boolean, keep: boolean): number {
    this.mode = 'string';
    this.isKey = isKey;
    this.keep = keep;
    this.escape = false;
    this.parts = [];
    this.partsChars = 0;
    return i + 1;
  }

  private scanString(s: string, i: number): number {
    const start = i;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (this.escape) this.escape = false;
      else if (c === C.BACKSLASH) this.escape = true;
      else if (c === C.QUOTE) break;
      else if (c === C.NL) this.newline(i);
    }
    if (this.keep) {
      this.parts.push(s.slice(start, i));
      this.partsChars += i - start;
      if (this.partsChars > MAX_TOKEN_CHARS)
        throw new ImportError(`${this.at(i)}: a key longer than ${MAX_TOKEN_CHARS} characters`);
    }
    if (i === s.length) return i;
    this.mode = 'structure';
    if (this.isKey) {
      const top = this.stack[this.stack.length - 1];
      top.key = null;
      if (this.keep) {
        try {
          top.key = JSON.parse(`"${this.parts.join('')}"`) as string;
        } catch (e) {
          throw new ImportError(`${this.at(i)}: a key that is not a valid JSON string (${(e as Error).message})`);
        }
      }
    }
    return i + 1;
  }

  private scanToken(s: string, i: number): number {
    const start = i;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (
        c === C.COMMA ||
        c === C.RBRACE ||
        c === C.RBRACKET ||
        c === C.SPACE ||
        c === C.NL ||
        c === C.CR ||
        c === C.TAB
      )
        break;
    }
    this.token += s.slice(start, i);
    if (this.token.length > MAX_TOKEN_CHARS)
      throw new ImportError(`${this.at(i)}: a value longer than ${MAX_TOKEN_CHARS} characters`);
    if (i === s.length) return i;
    if (!TOKEN.test(this.token))
      throw new ImportError(
        `${this.at(i)}: ${JSON.stringify(this.token.slice(0, 40))} is not a JSON number, true, false or null`,
      );
    this.mode = 'structure';
    return i;
  }

  /** Inside an entry: strings and brackets only, to find its end; JSON.parse checks the rest. */
  private scanEntry(s: string, i: number): number {
    const start = i;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === C.BACKSLASH) this.escape = true;
        else if (c === C.QUOTE) this.inString = false;
        else if (c === C.NL) this.newline(i);
      } else if (c === C.QUOTE) this.inString = true;
      else if (c === C.LBRACE || c === C.LBRACKET) this.depth++;
      else if (c === C.RBRACE || c === C.RBRACKET) {
        if (--this.depth === 0) {
          this.parts.push(s.slice(start, i + 1));
          this.mode = 'structure';
          this.finishEntry();
          return i + 1;
        }
      } else if (c === C.NL) this.newline(i);
    }
    this.parts.push(s.slice(start));
    this.partsChars += s.length - start;
    if (this.partsChars > MAX_ENTRY_CHARS)
      throw new ImportError(
        `entry ${this.entries + 1} (from line ${this.entryLine}) is longer than ${MAX_ENTRY_CHARS / 1024 / 1024} MB; export the HAR without response bodies`,
      );
    return i;
  }

  private finishEntry(): void {
    const text = this.parts.join('');
    this.parts = [];
    this.partsChars = 0;
    let entry: unknown;
    try {
      entry = JSON.parse(text);
    } catch (e) {
      throw new ImportError(
        `entry ${this.entries + 1} (from line ${this.entryLine}) is not valid JSON: ${(e as Error).message}`,
      );
    }
    this.onEntry(entry, this.entries++, this.entryLine);
  }
}
