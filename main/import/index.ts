/** Reading k6 and HAR files as runs: what the app uses of main/import. */
export {
  readImportFile,
  readImportText,
  type ImportOptions,
  type ImportProgress,
  type ReadImport,
} from './import-file.ts';
export { detectFormat, IMPORT_CHOICES, type ImportChoice } from './detect-format.ts';
export { meanPhases } from './phase-means.ts';
export type { ClientPhases } from './imported-request.ts';
