import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { PiiCrypto } from '../crypto/pii.js';

/**
 * Envelope encryption for stored uploads and staged rows (they carry ID numbers and phones):
 * each batch gets a random AES-256-GCM key, stored only wrapped by the personal-data key.
 * Sealed bytes are iv[12] | tag[16] | ciphertext.
 */
export function newBatchKey(crypto: PiiCrypto): { key: Buffer; wrapped: string } {
  const key = randomBytes(32);
  return { key, wrapped: crypto.encrypt(key.toString('base64')) };
}

export function unwrapBatchKey(crypto: PiiCrypto, wrapped: string): Buffer {
  return Buffer.from(crypto.decrypt(wrapped), 'base64');
}

export function seal(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]);
}

export function unseal(key: Buffer, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}
