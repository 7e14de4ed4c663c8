import { z } from 'zod';

/**
 * All settings come from the environment and are validated once at start-up.
 * Each bad or missing setting gets its own clear message.
 */
const base64Key = z
  .string()
  .refine(
    (s) => Buffer.from(s, 'base64').length === 32,
    'must be 32 bytes encoded in base64 (openssl rand -base64 32)',
  );

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const ConfigSchema = z
  .object({
    DATABASE_URL: z.string().url('must be a postgres:// URL').optional(),
    /** Optional owner connection used only to apply migrations; the server then runs with DATABASE_URL's lesser rights. */
    DATABASE_MIGRATION_URL: z.string().url('must be a postgres:// URL').optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATA_DIR: z.string().default('./data'),
    /** AES-256-GCM key for personal data (base64, 32 bytes). Required with DATABASE_URL. */
    JX_DATA_KEY: base64Key.optional(),
    /** HMAC key for blind indexes (base64, 32 bytes). Required with DATABASE_URL. */
    JX_INDEX_KEY: base64Key.optional(),
    /** Behind an HTTPS reverse proxy: trust X-Forwarded-* and mark cookies Secure. */
    JX_HTTPS: bool.default(false),
    /**
     * Which proxies to trust for X-Forwarded-For (client IPs in rate limits and the audit log):
     * empty = none; a number = that many hops; otherwise comma-separated addresses or CIDRs.
     */
    JX_TRUST_PROXY: z
      .string()
      .regex(/^(\d+|[0-9a-fA-F.:/, ]+)$/, 'must be a hop count or comma-separated proxy addresses/CIDRs')
      .optional(),
    /** The SMS gateway (webhook). Without it, embedded mode logs codes; DATABASE_URL mode sends none. */
    JX_SMS_WEBHOOK_URL: z.string().url('must be an http(s) URL').optional(),
    JX_SMS_WEBHOOK_TOKEN: z.string().optional(),
    JX_SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    JX_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    JX_REFERENCE_DIR: z.string().optional(),
    JX_SEED_SCALE: z.enum(['small', 'province', 'none']).default('small'),
  })
  .superRefine((c, ctx) => {
    if (c.DATABASE_URL && (!c.JX_DATA_KEY || !c.JX_INDEX_KEY)) {
      for (const k of ['JX_DATA_KEY', 'JX_INDEX_KEY'] as const) {
        if (!c[k])
          ctx.addIssue({
            code: 'custom',
            path: [k],
            message: 'is required when DATABASE_URL is set (keys are generated only in embedded mode)',
          });
      }
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super('Invalid configuration:\n' + problems.map((p) => '  - ' + p).join('\n'));
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(ConfigSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== '') picked[key] = v;
  }
  const r = ConfigSchema.safeParse(picked);
  if (!r.success) {
    throw new ConfigError(r.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`));
  }
  return r.data;
}

/** Fastify's trustProxy value from JX_TRUST_PROXY. */
export function trustProxyOption(v: string | undefined): boolean | number | string[] {
  if (!v) return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}
