import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Personal data (ID numbers, phones, bank accounts) is stored as AES-256-GCM ciphertext
 * plus a keyed HMAC-SHA-256 blind index for exact lookup and de-duplication.
 * Ciphertext format: "v1:" + base64url(iv[12] | tag[16] | ciphertext).
 */
export interface PiiCrypto {
  encrypt(plain: string): string;
  decrypt(token: string): string;
  /** Blind index: the same input always gives the same value; the key makes it unguessable. */
  blindIndex(kind: 'id' | 'phone' | 'bank' | 'sms', plain: string): string;
}

export interface PiiKeys {
  dataKey: Buffer;
  indexKey: Buffer;
}

export function createPiiCrypto(keys: PiiKeys): PiiCrypto {
  if (keys.dataKey.length !== 32 || keys.indexKey.length !== 32) throw new Error('PII keys must be 32 bytes');
  // IVs come from a pool of random bytes refilled 4,096 IVs at a time (bulk imports encrypt
  // hundreds of thousands of values; one randomBytes call each costs seconds). Each IV is used once.
  let pool = Buffer.alloc(0);
  let at = 0;
  const nextIv = () => {
    if (at + 12 > pool.length) {
      pool = randomBytes(12 * 4096);
      at = 0;
    }
    const iv = pool.subarray(at, at + 12);
    at += 12;
    return iv;
  };
  return {
    encrypt(plain) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', keys.dataKey, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return 'v1:' + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url');
    },
    decrypt(token) {
      if (!token.startsWith('v1:')) throw new Error('unknown ciphertext version');
      const raw = Buffer.from(token.slice(3), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', keys.dataKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    blindIndex(kind, plain) {
      return createHmac('sha256', keys.indexKey)
        .update(kind + ':' + plain)
        .digest('base64url');
    },
  };
}

/** Keys from the environment, or (embedded mode only) generated once into `<dataDir>/keys`. */
export function loadOrCreateKeys(opts: {
  dataKey?: string;
  indexKey?: string;
  dataDir: string;
  allowGenerate: boolean;
}): PiiKeys {
  if (opts.dataKey && opts.indexKey) {
    return { dataKey: Buffer.from(opts.dataKey, 'base64'), indexKey: Buffer.from(opts.indexKey, 'base64') };
  }
  if (!opts.allowGenerate) throw new Error('JX_DATA_KEY and JX_INDEX_KEY are required');
  const dir = path.resolve(opts.dataDir, 'keys');
  const file = path.join(dir, 'pii-keys.json');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const fresh = { dataKey: randomBytes(32).toString('base64'), indexKey: randomBytes(32).toString('base64') };
    writeFileSync(file, JSON.stringify(fresh), { mode: 0o600, flag: 'wx' });
  }
  const k = JSON.parse(readFileSync(file, 'utf8')) as { dataKey: string; indexKey: string };
  return { dataKey: Buffer.from(k.dataKey, 'base64'), indexKey: Buffer.from(k.indexKey, 'base64') };
}

/** Masks for responses: 370102********1238, 1*******5678 (only the last 4 phone digits are kept). */
export function maskIdNumber(prefix6: string, tail4: string): string {
  return prefix6 + '********' + tail4;
}
export function maskPhone(tail4: string | null): string | null {
  return tail4 ? '1**' + '****' + tail4 : null;
}
