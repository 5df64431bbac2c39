/**
 * Names counted into a bounded table: endpoints and lanes of an imported run. A file can name
 * a million distinct URLs (ids in paths); only the first `cap` distinct names get a slot, later
 * ones share the overflow slot, so memory stays bounded whatever the file holds.
 */
export class NameTable {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  readonly counts: number[] = [];
  /** Uses that found the table full. */
  overflowCount = 0;

  constructor(private readonly cap: number) {}

  /** The slot of `name`, or -1 once the table is full and `name` is new. */
  idOf(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      if (this.names.length >= this.cap) {
        this.overflowCount++;
        return -1;
      }
      id = this.names.push(name) - 1;
      this.ids.set(name, id);
      this.counts.push(0);
    }
    this.counts[id]++;
    return id;
  }

  get size(): number {
    return this.names.length;
  }
}

/**
 * Keeps the `keep` most used names (ties: the first seen), most used first; the rest map to one
 * more slot, `rest`. Returns the kept names and each slot's new index (-1 → `rest`'s index).
 */
export function topNames(
  table: NameTable,
  keep: number,
): { kept: string[]; indexOf: (id: number) => number; rest: number } {
  const order = table.names.map((_, id) => id).sort((a, b) => table.counts[b] - table.counts[a] || a - b);
  const fits = order.length <= keep && table.overflowCount === 0;
  const kept = fits ? order : order.slice(0, keep);
  const index = new Int32Array(table.size).fill(kept.length);
  kept.forEach((id, i) => (index[id] = i));
  let rest = table.overflowCount;
  for (const id of order.slice(kept.length)) rest += table.counts[id];
  return {
    kept: kept.map((id) => table.names[id]),
    indexOf: (id) => (id < 0 ? kept.length : index[id]),
    rest,
  };
}
