// The statistics of the benchmark's reports (bench/run.mjs) and of runs taken together
// (bench/pool.mjs).

/** The q-quantile (0-1) of the numbers in xs, linear between ranks; null when there are none. */
export const quantile = (xs, q) => {
  const s = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  if (!s.length) return null;
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
};
export const median = (xs) => quantile(xs, 0.5);

/** Resamples for [`bootstrapRatio`]. */
export const BOOTSTRAP = 2000;

/**
 * The 2.5 % and 97.5 % quantiles of median(ours*)/median(peer*) over BOOTSTRAP resamples (with
 * replacement) of each side's numbers. A fixed-seed generator (mulberry32) keeps it reproducible.
 */
export function bootstrapRatio(ours, peer) {
  let seed = 0x6d632d62;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const resample = (xs) => xs.map(() => xs[Math.floor(random() * xs.length)]);
  const ratios = [];
  for (let i = 0; i < BOOTSTRAP; i++) ratios.push(median(resample(ours)) / median(resample(peer)));
  return [quantile(ratios, 0.025), quantile(ratios, 0.975)];
}

/**
 * Ours against the peer in `runs` (bench/run.mjs's run records) at CPU `rate` for the time `key`:
 * each side's median, the ratio of the medians and its bootstrap interval ([`bootstrapRatio`]).
 */
export function timeRatio(runs, rate, key) {
  const xs = (side) => runs.filter((r) => r.side === side && r.rate === rate).map((r) => r[key]);
  const [ours, peer] = [xs("ours"), xs("peer")];
  const [lo, hi] = bootstrapRatio(ours, peer);
  return { ours, peer, ratio: median(ours) / median(peer), lo, hi };
}
