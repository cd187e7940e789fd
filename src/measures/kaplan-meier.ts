/**
 * The Kaplan–Meier product-limit estimator of a survival curve from right-censored times, and the
 * readings taken from a curve: S(t), the number at risk at t and the median survival. Used by the
 * evolution family's survival of founding cohorts by origin (src/measures/survival.ts).
 */

/** A step curve: one entry per distinct observed time, ascending. */
export interface KaplanMeierCurve {
  /** Distinct observed times (events or censorings), ascending. */
  times: number[];
  /** Firms still under observation just before each time (T ≥ t). */
  atRisk: number[];
  events: number[];
  censored: number[];
  /** Product-limit estimate just after each time. */
  survival: number[];
  /** How many observations the curve was built from. */
  observations: number;
}

/**
 * Kaplan–Meier product-limit estimator (Kaplan & Meier 1958): S(t) = Π_{tᵢ ≤ t} (1 − dᵢ / nᵢ), with
 * dᵢ events at time tᵢ and nᵢ observations with T ≥ tᵢ (censorings at tᵢ count as at risk: events
 * come first). `event[i]` is 1 for an exit, 0 for a censored observation. Cost O(m log m).
 * Example: times 2, 3, 3, 5 with events 1, 1, 0, 1 → S(2) = 3/4, S(3) = 3/4 · 2/3 = 1/2,
 * S(5) = 1/2 · 0/1 = 0.
 */
export function kaplanMeier(time: ArrayLike<number>, event: ArrayLike<number>): KaplanMeierCurve {
  const m = time.length;
  let eventCount = 0;
  for (let i = 0; i < m; i++) if (event[i]) eventCount++;
  // two typed arrays sorted natively, then merged: faster than sorting indices with a comparator
  const exits = new Float64Array(eventCount);
  const censorings = new Float64Array(m - eventCount);
  let a = 0;
  let b = 0;
  for (let i = 0; i < m; i++) {
    if (event[i]) exits[a++] = time[i];
    else censorings[b++] = time[i];
  }
  exits.sort();
  censorings.sort();
  const curve: KaplanMeierCurve = {
    times: [],
    atRisk: [],
    events: [],
    censored: [],
    survival: [],
    observations: m,
  };
  let s = 1;
  let i = 0;
  let j = 0;
  while (i < exits.length || j < censorings.length) {
    const t = Math.min(
      i < exits.length ? exits[i] : Number.POSITIVE_INFINITY,
      j < censorings.length ? censorings[j] : Number.POSITIVE_INFINITY,
    );
    const atRisk = m - i - j;
    let d = 0;
    let c = 0;
    while (i < exits.length && exits[i] === t) {
      d++;
      i++;
    }
    while (j < censorings.length && censorings[j] === t) {
      c++;
      j++;
    }
    s *= 1 - d / atRisk;
    curve.times.push(t);
    curve.atRisk.push(atRisk);
    curve.events.push(d);
    curve.censored.push(c);
    curve.survival.push(s);
  }
  return curve;
}

/**
 * S(t) from a curve: 1 before the first time; the last step at or before t otherwise; null after the
 * last observed time unless the curve has fallen to 0 (nobody was followed that long).
 */
export function survivalAt(curve: KaplanMeierCurve, t: number): number | null {
  const n = curve.times.length;
  if (n === 0) return null;
  if (t > curve.times[n - 1]) return curve.survival[n - 1] === 0 ? 0 : null;
  let s = 1;
  for (let i = 0; i < n && curve.times[i] <= t; i++) s = curve.survival[i];
  return s;
}

/** Observations with T ≥ t: still followed at time t (the number at risk). */
export function atRiskAt(curve: KaplanMeierCurve, t: number): number {
  for (let i = 0; i < curve.times.length; i++) if (curve.times[i] >= t) return curve.atRisk[i];
  return 0;
}

/** Median survival: the smallest time with S(t) ≤ 0.5; null when the curve never gets there. */
export function medianSurvival(curve: KaplanMeierCurve): number | null {
  for (let i = 0; i < curve.times.length; i++) if (curve.survival[i] <= 0.5) return curve.times[i];
  return null;
}
