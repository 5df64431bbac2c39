/**
 * An import stored: Interleave's own run export as it was checked, another tool's file (k6, HAR)
 * as the run main/import made of it. One place for the API (text from the app) and for hosts
 * that read a path themselves (the command line, the desktop shell's menu).
 */
import type { RunInfo } from '../../shared/run.ts';
import { importedTarget } from '../../shared/imported-run.ts';
import { meanPhases, type ClientPhases, type ImportChoice, type ReadImport } from '../import/index.ts';

// Hosts given a path (the command line, the desktop shell) read the file before opening a store.
export {
  readImportFile,
  IMPORT_CHOICES,
  type ImportChoice,
  type ImportProgress,
  type ReadImport,
} from '../import/index.ts';
import type { RunStore } from '../store/run-store.ts';

export interface ImportResult {
  info: RunInfo;
  format: ImportChoice;
  /** What the import found worth saying (requests kept, endpoints grouped, points skipped). */
  notes: string[];
  /**
   * Mean client phases over the imported requests (k6 and HAR files), null for a run export.
   * Per-request phases are read but not stored: request records have no field for them yet.
   */
  phases: ClientPhases | null;
}

export function storeImport(store: RunStore, read: ReadImport): ImportResult {
  if (read.format === 'run') return { info: store.importRun(read.doc), format: 'run', notes: [], phases: null };
  const { doc, phases } = read.run;
  return {
    info: store.importRun(doc),
    format: read.format,
    notes: importedTarget(doc.scenario)?.notes ?? [],
    phases: meanPhases(phases),
  };
}
