import { describe, expect, it } from 'vitest';
import { DEFAULT_RUBRIC as CONTRACT_DEFAULT, Rubric } from '../../../../contracts/supervision';
import { DEFAULT_RUBRIC } from './rubric';

describe('the default rubric the web fills in (恢复默认)', () => {
  it('is the contract’s DEFAULT_RUBRIC, and valid', () => {
    expect(DEFAULT_RUBRIC).toEqual(CONTRACT_DEFAULT);
    expect(Rubric.safeParse(DEFAULT_RUBRIC).success).toBe(true);
  });
});
