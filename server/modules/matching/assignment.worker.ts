/**
 * Runs the exact assignment (./assignment.ts) in a worker thread, so the T5 job does not block
 * the event loop. The same file is both sides: imported, it exports `runAssignmentInWorker`;
 * started as a worker (workerData tagged below), it computes and posts the result back.
 *
 * TypeScript in the worker: the app runs on tsx (npm start / dev) and tests on vitest, and a
 * Worker does not inherit either loader for its entry module. When this file is a .ts, the
 * worker is a small eval'd bootstrap that registers tsx's ESM hooks (tsx/esm/api) and then
 * imports this file; a compiled .js would be started directly.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { maxAssignment, type AssignmentResult } from './assignment.js';

const TAG = 'jiangxin.matching.assignment';

interface Job {
  tag: typeof TAG;
  offsets: Int32Array;
  talents: Int32Array;
  capacities: Int32Array;
  nTalents: number;
}

type Reply = { ok: true; result: AssignmentResult } | { ok: false; error: string };

const resultBuffers = (r: AssignmentResult): ArrayBuffer[] =>
  [r.pairs, r.filled, r.unfilled, r.certificate.demandInCover, r.certificate.talentInCover].map(
    (a) => a.buffer as ArrayBuffer,
  );

/** An array that owns its whole (non-shared) buffer can be transferred; others are copied first. */
function own<T extends Int32Array>(a: T): T {
  const whole = a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && a.buffer instanceof ArrayBuffer;
  return whole ? a : (a.slice() as T);
}

function workerUrlAndCode(): { entry: URL | string; evalCode: boolean } {
  const self = new URL(import.meta.url);
  if (!self.pathname.endsWith('.ts')) return { entry: self, evalCode: false };
  const tsxPkg = createRequire(import.meta.url).resolve('tsx/package.json');
  const api = new URL('./dist/esm/api/index.mjs', pathToFileURL(tsxPkg)).href;
  const code =
    `import(${JSON.stringify(api)})` + `.then((m) => { m.register(); return import(${JSON.stringify(self.href)}); });`;
  return { entry: code, evalCode: true };
}

/**
 * The maximum assignment computed in a worker thread. The typed arrays are transferred (they
 * are detached in the caller afterwards) unless `copy` is set; the result's arrays come back
 * transferred. Rejects if the worker fails or the certificate does not verify.
 */
export function runAssignmentInWorker(
  csr: { offsets: Int32Array; talents: Int32Array },
  capacities: Int32Array,
  nTalents: number,
  opts: { copy?: boolean } = {},
): Promise<AssignmentResult> {
  const prep = <T extends Int32Array>(a: T): T => (opts.copy ? (a.slice() as T) : own(a));
  const job: Job = {
    tag: TAG,
    offsets: prep(csr.offsets),
    talents: prep(csr.talents),
    capacities: prep(capacities),
    nTalents,
  };
  const transferList = [...new Set([job.offsets.buffer, job.talents.buffer, job.capacities.buffer])] as ArrayBuffer[];
  const { entry, evalCode } = workerUrlAndCode();
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, { eval: evalCode, workerData: job, transferList });
    let settled = false;
    worker.once('message', (reply: Reply) => {
      settled = true;
      if (reply.ok) resolve(reply.result);
      else reject(new Error(reply.error));
      void worker.terminate();
    });
    worker.once('error', (e) => {
      if (!settled) {
        settled = true;
        reject(e);
      }
    });
    worker.once('exit', (code) => {
      if (!settled) {
        settled = true;
        reject(new Error(`assignment worker exited with code ${code} before answering`));
      }
    });
  });
}

if (!isMainThread && parentPort && (workerData as Job | undefined)?.tag === TAG) {
  const job = workerData as Job;
  let reply: Reply;
  let transfer: ArrayBuffer[] = [];
  try {
    const result = maxAssignment(job);
    reply = { ok: true, result };
    transfer = resultBuffers(result);
  } catch (e) {
    reply = { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort.postMessage(reply, transfer);
}
