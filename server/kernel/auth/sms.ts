import { AppError } from '../errors/app-error.js';

/** The SMS gateway is an outside system: the server depends on this interface only. */
export interface SmsSender {
  send(phone: string, text: string): Promise<void>;
}

/** Development sender: logs that a code was sent (never the phone in full). */
export function createLogSmsSender(log: (m: string) => void): SmsSender {
  return {
    async send(phone, text) {
      log(`[sms] to ${phone.slice(0, 3)}****${phone.slice(-4)}: ${text}`);
    },
  };
}

/**
 * An HTTP gateway (the province's SMS platform behind a webhook): POST {phone, text} as JSON.
 * Configured with JX_SMS_WEBHOOK_URL; without it, a deployment with DATABASE_URL sends no SMS.
 */
export function createWebhookSmsSender(url: string, token?: string): SmsSender {
  return {
    async send(phone, text) {
      const r = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ phone, text }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!r.ok) throw new Error(`SMS gateway answered ${r.status}`);
    },
  };
}

/** No gateway configured: sign-up by SMS is unavailable, and says so in Chinese. */
export function createUnavailableSmsSender(): SmsSender {
  return {
    async send() {
      throw new AppError('UNAVAILABLE', '短信服务未配置，暂无法发送验证码，请联系平台管理员');
    },
  };
}
