import type { CorpusLabel } from './corpus-oracle.js';

/** One message as the export reports it (docs/export.md), the fields scored here. */
export interface ActualDecision {
  readonly messageId: string | null;
  readonly captured: boolean;
  readonly category: string;
  readonly links: readonly { type: string; externalId: string | null }[];
}

export interface PrecisionRecall {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface CorpusScore {
  readonly messages: number;
  readonly capture: PrecisionRecall;
  readonly categoryAccuracy: number;
  readonly links: PrecisionRecall;
  /** Labelled messages the export did not report at all. */
  readonly missing: readonly string[];
  readonly wrongCategory: readonly { messageId: string; expected: string; actual: string }[];
  /** `messageId type externalId` triples, the expected ones not found and the extra ones. */
  readonly missingLinks: readonly string[];
  readonly extraLinks: readonly string[];
}

/**
 * Scores the export against the labels. Capture is a yes/no per message;
 * links are (messageId, type, externalId) triples; a labelled message missing
 * from the export counts as not captured, wrongly categorised and without links.
 * Empty sets score 1, since nothing was missed and nothing was wrong.
 */
export function scoreCorpus(
  labels: readonly CorpusLabel[],
  actual: readonly ActualDecision[],
): CorpusScore {
  const byId = new Map(actual.map((line) => [line.messageId, line]));
  let truePositives = 0;
  let predicted = 0;
  let expected = 0;
  const missing: string[] = [];
  const wrongCategory: { messageId: string; expected: string; actual: string }[] = [];
  const expectedLinks = new Set<string>();
  const actualLinks = new Set<string>();
  for (const label of labels) {
    const line = byId.get(label.messageId);
    if (!line) missing.push(label.messageId);
    if (label.captured) expected += 1;
    if (line?.captured) predicted += 1;
    if (label.captured && line?.captured) truePositives += 1;
    if (line?.category !== label.category) {
      wrongCategory.push({
        messageId: label.messageId,
        expected: label.category,
        actual: line?.category ?? 'missing',
      });
    }
    for (const link of label.links) {
      expectedLinks.add(`${label.messageId} ${link.type} ${link.externalId}`);
    }
    for (const link of line?.links ?? []) {
      actualLinks.add(`${label.messageId} ${link.type} ${link.externalId ?? '(none)'}`);
    }
  }
  const missingLinks = [...expectedLinks].filter((link) => !actualLinks.has(link));
  const extraLinks = [...actualLinks].filter((link) => !expectedLinks.has(link));
  return {
    messages: labels.length,
    capture: precisionRecall(truePositives, predicted, expected),
    categoryAccuracy: labels.length === 0 ? 1 : 1 - wrongCategory.length / labels.length,
    links: precisionRecall(
      actualLinks.size - extraLinks.length,
      actualLinks.size,
      expectedLinks.size,
    ),
    missing,
    wrongCategory,
    missingLinks,
    extraLinks,
  };
}

function precisionRecall(truePositives: number, predicted: number, expected: number) {
  const precision = predicted === 0 ? 1 : truePositives / predicted;
  const recall = expected === 0 ? 1 : truePositives / expected;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** The one line the quality test prints: `corpus: messages=N capture_p=… link_f1=…`. */
export function formatScore(score: CorpusScore): string {
  const f = (value: number) => value.toFixed(3);
  return [
    `corpus: messages=${score.messages}`,
    `capture_p=${f(score.capture.precision)}`,
    `capture_r=${f(score.capture.recall)}`,
    `capture_f1=${f(score.capture.f1)}`,
    `category_acc=${f(score.categoryAccuracy)}`,
    `link_p=${f(score.links.precision)}`,
    `link_r=${f(score.links.recall)}`,
    `link_f1=${f(score.links.f1)}`,
  ].join(' ');
}
