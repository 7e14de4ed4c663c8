/**
 * Benchmark of the database-free matching core (server/modules/matching): the index, top-k
 * retrieval, candidate edges and the exact assignment, on synthetic province-sized data.
 *
 *   npx tsx bench/matching-core.ts            (MATCH_TALENTS / MATCH_POSITIONS / MATCH_SEED to change)
 *   node --expose-gc --import tsx bench/matching-core.ts   (memory figures after a full GC)
 *
 * Targets (issue 5): top-20 p95 ≤ 10 ms; the province-wide assignment ≤ 3 s. Times are wall
 * clock; the CPU time of the process is printed beside them (on a shared machine the difference
 * is time spent waiting for a core). A sample of the results is checked against a brute-force
 * scan with scoreOf on the same data.
 */
import { performance } from 'node:perf_hooks';
import { maxAssignment } from '../server/modules/matching/assignment.js';
import { runAssignmentInWorker } from '../server/modules/matching/assignment.worker.js';
import { MatchIndex } from '../server/modules/matching/index.js';
import { DEFAULT_MATCH_POLICY, scoreOf } from '../server/modules/matching/score.js';
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
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
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
let c0 = cpuMs();
const ix = MatchIndex.build(world.vocab, world.talents, world.demands);
const buildMs = performance.now() - t0;
const buildCpu = cpuMs() - c0;
const heap2 = heapMb();
console.log(
  `index build: ${ms(buildMs)} (cpu ${ms(buildCpu)}); index ${mb(heap2 - heap1)} beside the records  [target ≤ 2 s]`,
);

// topTalents k=20 for 1,000 demands (a seeded sample), after a short warm-up.
const r = rng(SEED + 1);
const sample = Array.from({ length: QUERIES }, () => world.demands[Math.floor(r() * world.demands.length)]!.id);
for (const id of sample.slice(0, 100)) ix.topTalents(id, K, DEFAULT_MATCH_POLICY);
const times: number[] = [];
const cpuTimes: number[] = [];
let returned = 0;
for (const id of sample) {
  const c = cpuMs();
  const s = performance.now();
  returned += ix.topTalents(id, K, DEFAULT_MATCH_POLICY).length;
  times.push(performance.now() - s);
  cpuTimes.push(cpuMs() - c);
}
console.log(
  `topTalents k=${K} over ${QUERIES} demands: p50 ${ms(pct(times, 50))}, p95 ${ms(pct(times, 95))}, ` +
    `max ${ms(Math.max(...times))} (cpu p50 ${ms(pct(cpuTimes, 50))}, p95 ${ms(pct(cpuTimes, 95))}; ` +
    `avg ${(returned / QUERIES).toFixed(1)} results)  [target p95 ≤ 10 ms]`,
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
c0 = cpuMs();
const csr = ix.candidateEdges(DEFAULT_MATCH_POLICY.threshold, DEFAULT_MATCH_POLICY);
const edgesMs = performance.now() - t0;
console.log(
  `candidate edges at threshold ${DEFAULT_MATCH_POLICY.threshold}: ${csr.edges.toLocaleString()} edges over ` +
    `${csr.demandIds.length.toLocaleString()} open demands (${(csr.edges / POSITIONS).toFixed(0)} per position), ` +
    `built in ${ms(edgesMs)} (cpu ${ms(cpuMs() - c0)})  [target ≤ 5 s]`,
);
// Rows kept for the exactness check below (the worker takes the CSR arrays).
const CHECKS = 10;
const checkRows = Array.from({ length: CHECKS }, (_, i) => {
  const row = Math.floor((i * csr.demandIds.length) / CHECKS);
  return { id: csr.demandIds[row]!, edges: csr.talents.slice(csr.offsets[row]!, csr.offsets[row + 1]!) };
});

t0 = performance.now();
const local = maxAssignment({ ...csr });
const localMs = performance.now() - t0;

gc?.(); // the assignment's memory, not garbage left by building the edges
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

// T5's pool (open to work; here 60 % of the talents, as bench/matching.ts seeds): asked once per talent.
const openToWork = new Set(world.talents.filter((_, i) => rng(SEED + i)() < 0.6).map((t) => t.id));
t0 = performance.now();
c0 = cpuMs();
const pooled = ix.candidateEdges(DEFAULT_MATCH_POLICY.threshold, DEFAULT_MATCH_POLICY, {
  pool: { inPool: (id) => openToWork.has(id) },
});
console.log(
  `  with T5's pool (60 % open to work, EdgeOptions.pool): ${pooled.edges.toLocaleString()} edges in ` +
    `${ms(performance.now() - t0)} (cpu ${ms(cpuMs() - c0)})`,
);

// Exactness on the province data: a sample of top-20s and edge rows against a scan of every talent.
{
  const v = world.vocab;
  const brute = (d: (typeof world.demands)[number], min: number) =>
    world.talents
      .map((t) => ({ id: t.id, score: scoreOf(v, d, t, DEFAULT_MATCH_POLICY) }))
      .filter((x) => x.score >= 0 && x.score >= min)
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  let same = 0;
  let scanMs = 0;
  let indexMs = 0;
  for (const row of checkRows) {
    const d = ix.getDemand(row.id)!;
    let s = performance.now();
    const all = brute(d, 0);
    scanMs += performance.now() - s;
    s = performance.now();
    const top = ix.topTalents(d.id, K, DEFAULT_MATCH_POLICY);
    indexMs += performance.now() - s;
    const edgeIds = [...row.edges].map((t) => ix.talentIdAt(t));
    const wantEdges = all.filter((x) => x.score >= DEFAULT_MATCH_POLICY.threshold).map((x) => x.id);
    if (
      JSON.stringify(top) === JSON.stringify(all.slice(0, K)) &&
      JSON.stringify(edgeIds) === JSON.stringify(wantEdges)
    )
      same++;
  }
  console.log(
    `check against a scan of all ${TALENTS.toLocaleString()} talents with scoreOf: ${same}/${CHECKS} demands have the ` +
      `same top-${K} and the same edge row; the scan takes ${ms(scanMs / CHECKS)} per demand, the index ${ms(indexMs / CHECKS)}`,
  );
  if (same !== CHECKS) throw new Error('the index differs from the brute-force scan');
}

// Memory: the index holds talents column-wise, not the records it was given.
const heapWith = heapMb();
world.talents.length = 0;
const freed = heapWith - heapMb();
console.log(
  `memory: index ${mb(heap2 - heap1)}; dropping the caller's talent records frees ${mb(freed)} ` +
    `(the index keeps none: ${ix.talentCount.toLocaleString()} talents still answer, e.g. getTalent)`,
);
if (!ix.getTalent(sample.length ? ix.talentIdAt(0)! : '')) throw new Error('index lost its talents');
