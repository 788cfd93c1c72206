import { describe, expect, it } from 'vitest';
import { defaultStrengthWeights } from '../../core/insight/connection-strength.js';
import { strengthWeightsOf, strengthWeightsProblem } from './strength-weights.js';

describe('the connection strength setting', () => {
  it('keeps every default it does not name', () => {
    expect(strengthWeightsOf({ halfLifeDays: 90, points: { meeting: 20 } })).toEqual({
      ...defaultStrengthWeights,
      halfLifeDays: 90,
      points: { ...defaultStrengthWeights.points, meeting: 20 },
    });
    expect(strengthWeightsOf(undefined)).toBe(defaultStrengthWeights);
  });

  it('names what is wrong: a negative weight, an unknown interaction, a zero half-life', () => {
    expect(strengthWeightsProblem({ points: { reply_received: -1 } })).toMatch(
      /^points\.reply_received: /,
    );
    expect(strengthWeightsProblem({ points: { phone_call: 5 } })).toMatch(/phone_call/);
    expect(strengthWeightsProblem({ halfLifeDays: 0 })).toMatch(/^halfLifeDays: /);
    expect(strengthWeightsProblem({ saturation: 25 })).toBeNull();
  });
});
