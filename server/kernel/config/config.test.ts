import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, trustProxyOption } from './config.js';

const key = () => randomBytes(32).toString('base64');
const DATABASE_URL = 'postgres://jx:secret@db.internal:5432/jiangxin';

/** The problems of a configuration that must not load. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives defaults for an empty environment (embedded mode)', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      DATA_DIR: './data',
      JX_HTTPS: false,
      JX_SESSION_IDLE_MINUTES: 30,
      JX_LOG_LEVEL: 'info',
      JX_SEED_SCALE: 'small',
    });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.JX_DATA_KEY).toBeUndefined();
  });

  it('reads and converts what is set, and treats empty values as unset', () => {
    const c = loadConfig({ PORT: '8080', JX_HTTPS: 'yes', JX_TRUST_PROXY: '1', HOST: '', UNRELATED: 'x' });
    expect(c).toMatchObject({ PORT: 8080, JX_HTTPS: true, JX_TRUST_PROXY: '1', HOST: '0.0.0.0' });
    expect(trustProxyOption(c.JX_TRUST_PROXY)).toBe(1);
    expect(trustProxyOption('10.0.0.1, 10.1.0.0/16')).toEqual(['10.0.0.1', '10.1.0.0/16']);
    expect(trustProxyOption(undefined)).toBe(false);
    expect(c).not.toHaveProperty('UNRELATED');
  });

  it('requires both keys when DATABASE_URL is set, naming each', () => {
    const problems = problemsOf({ DATABASE_URL });
    expect(problems).toHaveLength(2);
    expect(problems.some((p) => p.startsWith('JX_DATA_KEY:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('JX_INDEX_KEY:'))).toBe(true);

    const one = problemsOf({ DATABASE_URL, JX_DATA_KEY: key() });
    expect(one).toEqual([expect.stringMatching(/^JX_INDEX_KEY:/)]);

    expect(loadConfig({ DATABASE_URL, JX_DATA_KEY: key(), JX_INDEX_KEY: key() }).DATABASE_URL).toBe(DATABASE_URL);
  });

  it('names PORT when it is not a number', () => {
    const problems = problemsOf({ PORT: 'abc' });
    expect(problems).toEqual([expect.stringMatching(/^PORT:/)]);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(problemsOf({ PORT: '70000' })).toEqual([expect.stringMatching(/^PORT:/)]);
  });

  it('names a key that is not 32 bytes of base64', () => {
    const bad = problemsOf({ JX_DATA_KEY: 'not-a-key', JX_INDEX_KEY: key() });
    expect(bad).toEqual([expect.stringMatching(/^JX_DATA_KEY: .*32 bytes/)]);
    const short = problemsOf({ JX_DATA_KEY: key(), JX_INDEX_KEY: randomBytes(16).toString('base64') });
    expect(short).toEqual([expect.stringMatching(/^JX_INDEX_KEY:/)]);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({ PORT: 'abc', JX_LOG_LEVEL: 'loud', DATABASE_URL: 'not a url' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'JX_LOG_LEVEL', 'PORT']);
  });
});
