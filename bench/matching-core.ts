/**
 * Benchmark of the database-free matching core (server/modules/matching): the index, top-k
 * retrieval, candidate edges and the exact assignment, on synthetic province-sized data.
 *
 *   npx tsx bench/matching-core.ts            (MATCH_TALENTS / MATCH_POSITIONS / MATCH_SEED to change)
 *   node --expose-gc --import tsx bench/matching-core.ts   (memory figures after a full GC)
 *
 * Targets (issue 5): top-20 p95 ≤ 10 ms; the province-wide assignment ≤ 3 s.
 */
import { performance } from 'node:perf_hooks';
import { maxAssignment } from '../server/modules/matching/assignment.js';
import { runAssignmentInWorker } from '../server/modules/matching/assignment.worker.js';
import { MatchIndex } from '../server/modules/matching/index.js';
import { DEFAULT_MATCH_POLICY } from '../server/modules/matching/score.js';
import { randomWorld, rng } from '../server/modules/matching/synthetic.js';

const TALENTS = Number(process.env.MATCH_TALENTS ?? 300_000);
const POSITIONS = Number(process.env.MATCH_POSITIONS ?? 30_000);
const SEED = Number(process.env.MATCH_SEED ?? 20261130);
const QUERIES = 1000;
const K = 20;

const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const mb = (x: number) => `${x.toFixed(0)} MB`;
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

console.log(
  `matching core — ${TALENTS.toLocaleString()} talents, ${POSITIONS.toLocaleString()} positions, seed ${SEED}`,
);
console.log(gc ? '(memory after full GC)' : '(no --expose-gc: memory figures include garbage)');
const heap0 = heapMb();
let t0 = performance.now();
const world = randomWorld(SEED, {
  talents: TALENTS,
  demands: 1_000_000,
  positions: POSITIONS,
  occupations: 300,
  groups: 48,
  skills: 300,
  cities: 16,
  chains: 13,
  maxHeadcount: 8,
});
const genMs = performance.now() - t0;
const heap1 = heapMb();
console.log(
  `data: ${world.demands.length.toLocaleString()} demands (${POSITIONS.toLocaleString()} positions), ` +
    `generated in ${ms(genMs)}; talent + demand records ${mb(heap1 - heap0)}`,
);

t0 = performance.now();
const ix = MatchIndex.build(world.vocab, world.talents, world.demands);
const buildMs = performance.now() - t0;
const heap2 = heapMb();
console.log(`index build: ${ms(buildMs)}; inverted lists ${mb(heap2 - heap1)}; records + index ${mb(heap2 - heap0)}`);

// topTalents k=20 for 1,000 demands (a seeded sample), after a short warm-up.
const r = rng(SEED + 1);
const sample = Array.from({ length: QUERIES }, () => world.demands[Math.floor(r() * world.demands.length)]!.id);
for (const id of sample.slice(0, 100)) ix.topTalents(id, K, DEFAULT_MATCH_POLICY);
const times: number[] = [];
let returned = 0;
for (const id of sample) {
  const s = performance.now();
  returned += ix.topTalents(id, K, DEFAULT_MATCH_POLICY).length;
  times.push(performance.now() - s);
}
console.log(
  `topTalents k=${K} over ${QUERIES} demands: p50 ${ms(pct(times, 50))}, p95 ${ms(pct(times, 95))}, ` +
    `max ${ms(Math.max(...times))} (avg ${(returned / QUERIES).toFixed(1)} results)  [target p95 ≤ 10 ms]`,
);
const dTimes: number[] = [];
for (let i = 0; i < QUERIES; i++) {
  const id = world.talents[Math.floor(r() * world.talents.length)]!.id;
  const s = performance.now();
  ix.topDemands(id, K, DEFAULT_MATCH_POLICY);
  dTimes.push(performance.now() - s);
}
console.log(`topDemands k=${K} over ${QUERIES} talents: p50 ${ms(pct(dTimes, 50))}, p95 ${ms(pct(dTimes, 95))}`);

t0 = performance.now();
const csr = ix.candidateEdges(DEFAULT_MATCH_POLICY.threshold, DEFAULT_MATCH_POLICY);
const edgesMs = performance.now() - t0;
console.log(
  `candidate edges at threshold ${DEFAULT_MATCH_POLICY.threshold}: ${csr.edges.toLocaleString()} edges over ` +
    `${csr.demandIds.length.toLocaleString()} open demands, built in ${ms(edgesMs)}`,
);

t0 = performance.now();
const local = maxAssignment({ ...csr });
const localMs = performance.now() - t0;

const rssBefore = process.memoryUsage().rss;
let rssPeak = rssBefore;
const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
t0 = performance.now();
const res = await runAssignmentInWorker(csr, csr.capacities, csr.nTalents);
const workerMs = performance.now() - t0;
clearInterval(sampler);
rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
if (res.matched !== local.matched) throw new Error('worker and in-process results differ');
const unfilledDemands = [...res.unfilled].filter((u) => u > 0).length;
console.log(
  `exact assignment in worker: ${ms(workerMs)} wall (in-process ${ms(localMs)}, ${res.phases} phases), ` +
    `certificate verified; RSS ${mb(rssBefore / 2 ** 20)} → peak ${mb(rssPeak / 2 ** 20)}  [target ≤ 3 s]`,
);
console.log(
  `fit: ${res.matched.toLocaleString()} / ${res.positions.toLocaleString()} positions filled ` +
    `(${((100 * res.matched) / res.positions).toFixed(1)} %), ${unfilledDemands.toLocaleString()} demands with unfilled positions`,
);
