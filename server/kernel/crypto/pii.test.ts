import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPiiCrypto, loadOrCreateKeys, maskIdNumber } from './pii.js';

const keys = () => ({ dataKey: randomBytes(32), indexKey: randomBytes(32) });
const ID = '370190199001011238';

describe('AES-256-GCM encryption', () => {
  it('round-trips, including non-ASCII text', () => {
    const c = createPiiCrypto(keys());
    expect(c.decrypt(c.encrypt(ID))).toBe(ID);
    expect(c.decrypt(c.encrypt('济南市历下区'))).toBe('济南市历下区');
    expect(c.decrypt(c.encrypt(''))).toBe('');
  });

  it('uses a random IV: the same text encrypts differently each time', () => {
    const c = createPiiCrypto(keys());
    const a = c.encrypt(ID);
    const b = c.encrypt(ID);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1:/);
    expect(a).not.toContain(ID);
  });

  it('refuses tampered ciphertext', () => {
    const c = createPiiCrypto(keys());
    const token = c.encrypt(ID);
    const raw = Buffer.from(token.slice(3), 'base64url');
    raw[raw.length - 1]! ^= 0x01; // flip one bit of the ciphertext
    expect(() => c.decrypt('v1:' + raw.toString('base64url'))).toThrow();
    const tag = Buffer.from(token.slice(3), 'base64url');
    tag[12]! ^= 0x01; // or of the authentication tag
    expect(() => c.decrypt('v1:' + tag.toString('base64url'))).toThrow();
  });

  it('refuses ciphertext made with another key', () => {
    const token = createPiiCrypto(keys()).encrypt(ID);
    expect(() => createPiiCrypto(keys()).decrypt(token)).toThrow();
  });

  it('refuses an unknown ciphertext version and keys of the wrong length', () => {
    expect(() => createPiiCrypto(keys()).decrypt('v2:abc')).toThrow(/version/);
    expect(() => createPiiCrypto({ dataKey: randomBytes(16), indexKey: randomBytes(32) })).toThrow(/32 bytes/);
  });
});

describe('blind index', () => {
  it('is deterministic for one key and kind', () => {
    const k = keys();
    expect(createPiiCrypto(k).blindIndex('id', ID)).toBe(createPiiCrypto(k).blindIndex('id', ID));
    expect(createPiiCrypto(k).blindIndex('id', ID)).not.toContain(ID);
  });

  it('depends on the index key and on the kind', () => {
    const k = keys();
    const c = createPiiCrypto(k);
    expect(createPiiCrypto({ ...k, indexKey: randomBytes(32) }).blindIndex('id', ID)).not.toBe(c.blindIndex('id', ID));
    expect(c.blindIndex('phone', '13800000000')).not.toBe(c.blindIndex('id', '13800000000'));
    // The data key plays no part in it.
    expect(createPiiCrypto({ ...k, dataKey: randomBytes(32) }).blindIndex('id', ID)).toBe(c.blindIndex('id', ID));
  });
});

describe('loadOrCreateKeys', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'jx-keys-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('generates keys once into the data directory and reloads the same keys', () => {
    const dataDir = tempDir();
    const first = loadOrCreateKeys({ dataDir, allowGenerate: true });
    expect(first.dataKey).toHaveLength(32);
    expect(first.indexKey).toHaveLength(32);
    const file = path.join(dataDir, 'keys', 'pii-keys.json');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const written = readFileSync(file, 'utf8');

    const second = loadOrCreateKeys({ dataDir, allowGenerate: true });
    expect(second.dataKey.equals(first.dataKey)).toBe(true);
    expect(second.indexKey.equals(first.indexKey)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(written);

    // Data encrypted before a restart decrypts after it.
    const token = createPiiCrypto(first).encrypt(ID);
    expect(createPiiCrypto(second).decrypt(token)).toBe(ID);
  });

  it('refuses to generate keys when generation is not allowed', () => {
    const dataDir = tempDir();
    expect(() => loadOrCreateKeys({ dataDir, allowGenerate: false })).toThrow(/JX_DATA_KEY and JX_INDEX_KEY/);
    expect(existsSync(path.join(dataDir, 'keys'))).toBe(false);
  });

  it('uses keys given in the environment without touching the disk', () => {
    const dataDir = tempDir();
    const k = keys();
    const loaded = loadOrCreateKeys({
      dataKey: k.dataKey.toString('base64'),
      indexKey: k.indexKey.toString('base64'),
      dataDir,
      allowGenerate: false,
    });
    expect(loaded.dataKey.equals(k.dataKey)).toBe(true);
    expect(loaded.indexKey.equals(k.indexKey)).toBe(true);
    expect(existsSync(path.join(dataDir, 'keys'))).toBe(false);
  });
});

describe('masks', () => {
  it('shows the first six and last four characters of an ID number', () => {
    expect(maskIdNumber('370102', '1238')).toBe('370102********1238');
  });
});
