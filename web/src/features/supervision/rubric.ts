import type { Rubric } from './api';
import { DEFAULT_RUBRIC_ITEMS } from '../../../../contracts/supervision-defaults';

/** The default rubric (contracts/supervision-defaults.ts: no zod in the bundle), which 恢复默认 fills in. */
export const DEFAULT_RUBRIC: Rubric = { items: DEFAULT_RUBRIC_ITEMS };
