// The seeded randomness of randomised tests: one small PRNG, and the seed each run uses, taken from
// the test's own environment variable when set and printed either way so a failing run can be replayed.

// One generator for the project: the .kafka placeholders' mulberry32, reused rather than copied.
export { seededRandom as mulberry32 } from '../../language/placeholders/templateExpansion.js';

/** A whole number in [0, n) drawn from `random`. */
export function randomInt(random: () => number, n: number): number {
  return Math.floor(random() * n);
}

/**
 * This run's seed: the number in `process.env[envVar]` when it is set (to replay a run), a fresh one
 * otherwise. Prints `<label> seed <n> (replay with <envVar>=<n>)`.
 */
export function seedFromEnv(envVar: string, label: string): number {
  const given = process.env[envVar];
  const seed = given !== undefined && given !== '' ? Number(given) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isSafeInteger(seed)) throw new Error(`${envVar} must be a whole number, not ${given}`);
  console.log(`${label} seed ${seed} (replay with ${envVar}=${seed})`);
  return seed;
}
