import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

/** The module-boundary rule of `npm run check` (eslint.config.js, ADR 0002) fails the build when broken. */
const eslint = new ESLint({ cwd: process.cwd() });
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath });
  return r!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('module boundaries', () => {
  it('the kernel imports no module', async () => {
    const errs = await boundaryErrors(
      'server/kernel/audit/x.ts',
      "import { createRegistryService } from '../../modules/registry/registry.service.js';\nexport const x = createRegistryService;\n",
    );
    expect(errs.join()).toMatch(/kernel imports no module/);
  });

  it("a module never imports another module's repo or tables", async () => {
    for (const target of ['../registry/registry.repo.js', '../registry/registry.schema.js']) {
      const errs = await boundaryErrors(
        'server/modules/home/x.ts',
        `import * as r from '${target}';\nexport const x = r;\n`,
      );
      expect(errs.join()).toMatch(/call its service/);
    }
  });

  it("a module may call another module's service, and its own repo", async () => {
    expect(
      await boundaryErrors(
        'server/modules/home/x.ts',
        "import * as s from '../registry/registry.service.js';\nexport const x = s;\n",
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'server/modules/registry/x.ts',
        "import * as s from './registry.repo.js';\nexport const x = s;\n",
      ),
    ).toEqual([]);
  });

  it('the web app never imports server code', async () => {
    const errs = await boundaryErrors(
      'web/src/x.ts',
      "import * as s from '../../server/app.js';\nexport const x = s;\n",
    );
    expect(errs.length).toBe(1);
  });
});
