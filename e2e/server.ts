import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../server/kernel/db/embedded.js';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface RunningServer {
  url: string;
  port: number;
  output: () => string;
  accounts: { username: string; label: string }[];
  /** Ctrl-C: SIGINT to the whole process group, as a terminal does. */
  interrupt(): Promise<number | null>;
  proc: ChildProcess;
}

/** Starts `npm start` (tsx server/main.ts) with its own data directory and port, and waits until it is ready. */
export async function startServer(env: Record<string, string>, timeoutMs = 240_000): Promise<RunningServer> {
  const port = Number(env.PORT ?? (await freePort()));
  const proc = spawn(process.execPath, [root + 'node_modules/tsx/dist/cli.mjs', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // If the runner itself dies (a crash, Ctrl-C), the detached server and its database go too.
  const orphan = () => {
    try {
      process.kill(-proc.pid!, 'SIGINT');
    } catch {
      // already gone
    }
  };
  process.once('exit', orphan);
  proc.once('exit', () => process.removeListener('exit', orphan));
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const t0 = Date.now();
  while (!/ready in/.test(out)) {
    if (proc.exitCode !== null || Date.now() - t0 > timeoutMs) throw new Error('server did not start:\n' + out);
    await new Promise((r) => setTimeout(r, 200));
  }
  await new Promise((r) => setTimeout(r, 300)); // the account list follows the ready line
  const accounts = [...out.matchAll(/\[jiangxin\]\s{3}(\S+)\s+(\S+)/g)].map((m) => ({ username: m[1]!, label: m[2]! }));
  return {
    url: `http://localhost:${port}`,
    port,
    output: () => out,
    accounts,
    proc,
    async interrupt() {
      process.kill(-proc.pid!, 'SIGINT');
      return Promise.race([exited, new Promise<number | null>((r) => setTimeout(() => r(-1), 30_000))]);
    },
  };
}
