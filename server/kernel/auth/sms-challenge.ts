import { createHash, randomInt } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
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
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await db.transaction(async (tx) => {
        // One issuer per phone at a time, so two parallel requests cannot both pass the 1-a-minute check.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'sms:' + phoneHash}))`);
        const recent = await tx
          .select({ id: smsChallenge.id })
          .from(smsChallenge)
          .where(
            and(eq(smsChallenge.phoneHash, phoneHash), gt(smsChallenge.createdAt, new Date(now.getTime() - 60_000))),
          );
        if (recent.length) throw new AppError('RATE_LIMITED', '验证码发送过于频繁，请 1 分钟后再试');
        await tx.insert(smsChallenge).values({
          phoneHash,
          codeHash: sha(phoneHash + ':' + code),
          expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000),
          createdAt: now,
        });
      });
      try {
        await deps.sms.send(phone, `【匠心】您的注册验证码为 ${code}，${CODE_MINUTES} 分钟内有效。`);
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw new AppError('UNAVAILABLE', '短信发送失败，请稍后再试');
      }
    },

    /** Consumes the latest live code for the phone, or throws. Each guess claims an attempt first (atomic). */
    async verify(phone: string, code: string): Promise<void> {
      const phoneHash = deps.crypto.blindIndex('phone', phone);
      const now = clock();
      const [latest] = await db
        .select({ id: smsChallenge.id })
        .from(smsChallenge)
        .where(and(eq(smsChallenge.phoneHash, phoneHash), isNull(smsChallenge.usedAt), gt(smsChallenge.expiresAt, now)))
        .orderBy(desc(smsChallenge.createdAt))
        .limit(1);
      if (!latest) throw new AppError('VALIDATION', '验证码已失效，请重新获取');
      const [claimed] = await db
        .update(smsChallenge)
        .set({ attempts: sql`${smsChallenge.attempts} + 1` })
        .where(
          and(eq(smsChallenge.id, latest.id), lt(smsChallenge.attempts, MAX_ATTEMPTS), isNull(smsChallenge.usedAt)),
        )
        .returning({ codeHash: smsChallenge.codeHash });
      if (!claimed) throw new AppError('VALIDATION', '验证码已失效，请重新获取');
      if (claimed.codeHash !== sha(phoneHash + ':' + code)) throw new AppError('VALIDATION', '验证码不正确');
      const used = await db
        .update(smsChallenge)
        .set({ usedAt: now })
        .where(and(eq(smsChallenge.id, latest.id), isNull(smsChallenge.usedAt)))
        .returning({ id: smsChallenge.id });
      if (!used.length) throw new AppError('VALIDATION', '验证码已失效，请重新获取');
    },
  };
}
export type SmsChallenges = ReturnType<typeof createSmsChallenges>;
