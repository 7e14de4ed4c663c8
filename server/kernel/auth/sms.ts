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
