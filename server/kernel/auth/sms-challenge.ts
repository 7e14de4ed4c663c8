import { createHash, randomInt } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/types.js';
import { AppError } from '../errors/app-error.js';
import type { PiiCrypto } from '../crypto/pii.js';
import { smsChallenge } from './auth.schema.js';
import type { SmsSender } from './sms.js';

const CODE_MINUTES = 10;
const MAX_ATTEMPTS = 5;
const sha = (s: string) => createHash('sha256').update(s).digest('base64url');

/** One-time SMS codes for talent sign-up: stored hashed, 10 minutes, 5 attempts, 1 a minute. */
export function createSmsChallenges(deps: { db: Db; clock: () => Date; sms: SmsSender; crypto: PiiCrypto }) {
  const { db, clock } = deps;
  return {
    async issue(phone: string): Promise<void> {
      const phoneHash = deps.crypto.blindIndex('phone', phone);
      const now = clock();
      const recent = await db
        .select({ id: smsChallenge.id })
        .from(smsChallenge)
        .where(
          and(eq(smsChallenge.phoneHash, phoneHash), gt(smsChallenge.createdAt, new Date(now.getTime() - 60_000))),
        );
      if (recent.length) throw new AppError('RATE_LIMITED', '验证码发送过于频繁，请 1 分钟后再试');
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await db.insert(smsChallenge).values({
        phoneHash,
        codeHash: sha(phoneHash + ':' + code),
        expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000),
        createdAt: now,
      });
      await deps.sms.send(phone, `【匠心】您的注册验证码为 ${code}，${CODE_MINUTES} 分钟内有效。`);
    },

    /** Consumes the latest live code for the phone, or throws. */
    async verify(phone: string, code: string): Promise<void> {
      const phoneHash = deps.crypto.blindIndex('phone', phone);
      const now = clock();
      const [c] = await db
        .select()
        .from(smsChallenge)
        .where(and(eq(smsChallenge.phoneHash, phoneHash), isNull(smsChallenge.usedAt), gt(smsChallenge.expiresAt, now)))
        .orderBy(desc(smsChallenge.createdAt))
        .limit(1);
      if (!c || c.attempts >= MAX_ATTEMPTS) throw new AppError('VALIDATION', '验证码已失效，请重新获取');
      if (c.codeHash !== sha(phoneHash + ':' + code)) {
        await db
          .update(smsChallenge)
          .set({ attempts: sql`${smsChallenge.attempts} + 1` })
          .where(eq(smsChallenge.id, c.id));
        throw new AppError('VALIDATION', '验证码不正确');
      }
      const used = await db
        .update(smsChallenge)
        .set({ usedAt: now })
        .where(and(eq(smsChallenge.id, c.id), isNull(smsChallenge.usedAt)))
        .returning({ id: smsChallenge.id });
      if (!used.length) throw new AppError('VALIDATION', '验证码已失效，请重新获取');
    },
  };
}
export type SmsChallenges = ReturnType<typeof createSmsChallenges>;
