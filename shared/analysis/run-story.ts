/**
 * A finished run in words, as the app shows it beside the timeline and the HTML report prints
 * it: what happened (explain-run.ts) and, when the run missed "What to expect" by more than a
 * fifth, by how much and why (expectation-gap.ts). One function, so the app and the report can
 * never tell two stories about the same run.
 */
import { assumedCores } from '../bounds/assumed-cores.ts';
import { theoreticalBound } from '../bounds.ts';
import type { RunDocument } from '../run.ts';
import { expectationGap } from './expectation-gap.ts';
import { explainRun } from './explain-run.ts';
import { computeSummary } from './summary.ts';

/** The sentences about one run. */
export interface RunStory {
  runId: number;
  /** What the execution model did: loop blocks, where requests spent their time, failures. */
  happened: string[];
  /** How the headline numbers missed the prediction, when they did by more than 20%. */
  againstExpectation: string[];
}

/**
 * `hostCores` is the showing machine's count, for runs stored before runs recorded theirs. A run
 * against a URL or imported from another tool is not measured against What to expect: the model
 * predicts the scenario's server, which such a run never started.
 */
export function runStory(doc: RunDocument, hostCores?: number): RunStory {
  const target = doc.scenario.target?.kind;
  const predicted = target !== 'url' && target !== 'imported';
  const bound = theoreticalBound(doc.scenario, { cores: assumedCores(doc.info.cores, hostCores).cores });
  return {
    runId: doc.info.id,
    happened: explainRun(doc),
    againstExpectation: predicted ? expectationGap(computeSummary(doc), bound) : [],
  };
}
