import type { NoiseCategory } from '../../../src/core/noise/verdict.js';

export interface CategoryScore {
  readonly category: NoiseCategory;
  /** Messages labelled with the category. */
  readonly support: number;
  readonly precision: number;
  readonly recall: number;
}

/**
 * Precision and recall of each category: of the messages called X, how many
 * are X; of the messages that are X, how many were called X. Empty sets score 1.
 */
export function scoreCategories(
  results: readonly { expected: NoiseCategory; actual: NoiseCategory }[],
): CategoryScore[] {
  const categories = [...new Set(results.flatMap((r) => [r.expected, r.actual]))].sort();
  return categories.map((category) => {
    const labelled = results.filter((r) => r.expected === category).length;
    const called = results.filter((r) => r.actual === category).length;
    const right = results.filter((r) => r.expected === category && r.actual === category).length;
    return {
      category,
      support: labelled,
      precision: called === 0 ? 1 : right / called,
      recall: labelled === 0 ? 1 : right / labelled,
    };
  });
}

/** One line per category: `noise: bounce n=324 precision=1.000 recall=0.991`. */
export function formatCategoryScores(scores: readonly CategoryScore[]): string {
  return scores
    .map(
      (s) =>
        `noise: ${s.category} n=${s.support} precision=${s.precision.toFixed(3)} recall=${s.recall.toFixed(3)}`,
    )
    .join('\n');
}
