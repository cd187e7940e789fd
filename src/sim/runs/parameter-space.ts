/**
 * Points in the space of the model's parameters: a scenario with some parameters changed (checked
 * against their ranges in parameters.ts, read at run time so that new parameters work here with no
 * change), grids (`PARAM=a:b:n`) and Latin hypercube samples.
 */
import { createHash } from 'node:crypto';
import { UsageError } from '../../errors.ts';
import { mulberry32, shuffle } from '../../graph/rng.ts';
import { PARAMETER_SPECS, type ParameterSpec, type SimParameters } from '../parameters.ts';
import type { Scenario } from '../scenario.ts';

export type ParameterName = keyof SimParameters;

/** A parameter's spec, or a UsageError naming it and listing the parameters. */
export function parameterSpec(name: string): ParameterSpec {
  const spec = (PARAMETER_SPECS as Record<string, ParameterSpec>)[name];
  if (spec === undefined)
    throw new UsageError(
      'sim',
      `unknown parameter ${name} (parameters: ${Object.keys(PARAMETER_SPECS).join(', ')})`,
    );
  return spec;
}

/** Checks one value against the parameter's range (UsageError naming the field and the range). */
export function checkParameterValue(name: string, value: number): void {
  const spec = parameterSpec(name);
  if (!Number.isFinite(value) || value < spec.min || value > spec.max)
    throw new UsageError(
      'sim',
      `parameters.${name}: ${value} is out of range: expected a number in [${spec.min}, ${spec.max}] (${spec.unit})`,
    );
}

/** The scenario with these parameters changed, checked, and its hash recomputed as parseScenario does. */
export function withParameters(scenario: Scenario, changes: Readonly<Record<string, number>>): Scenario {
  for (const [name, value] of Object.entries(changes)) checkParameterValue(name, value);
  const { hash: _old, ...rest } = scenario;
  const checked = { ...rest, parameters: { ...scenario.parameters, ...changes } as SimParameters };
  const hash = createHash('sha256').update(JSON.stringify(checked)).digest('hex');
  return { ...checked, hash };
}

/** One axis of a grid: a parameter and its values. */
export interface Axis {
  name: string;
  values: number[];
}

const NUMBER = '[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?';

/** `PARAM=a:b:n`: n evenly spaced values from a to b (n = 1 gives a); every value in the parameter's range. */
export function parseGridAxis(text: string): Axis {
  const m = new RegExp(`^\\s*([A-Za-z][A-Za-z0-9]*)\\s*=\\s*(${NUMBER}):(${NUMBER}):(\\d+)\\s*$`).exec(text);
  if (!m)
    throw new UsageError('cli', `--grid takes PARAM=a:b:n (e.g. mobilityRate=0.02:0.1:5), got '${text}'`);
  const [, name, a, b, n] = m;
  const count = Number(n);
  if (count < 1 || count > 10_000)
    throw new UsageError('cli', `--grid ${name}: n must be from 1 to 10000, got ${n}`);
  const from = Number(a);
  const to = Number(b);
  checkParameterValue(name, from);
  checkParameterValue(name, to);
  const values = Array.from({ length: count }, (_, i) =>
    count === 1 ? from : from + ((to - from) * i) / (count - 1),
  );
  return { name, values };
}

/** Every combination of the axes' values (the last axis varies fastest). */
export function gridPoints(axes: readonly Axis[]): Record<string, number>[] {
  const names = axes.map((a) => a.name);
  if (new Set(names).size !== names.length)
    throw new UsageError('cli', 'a parameter appears twice in --grid');
  let points: Record<string, number>[] = [{}];
  for (const axis of axes) points = points.flatMap((p) => axis.values.map((v) => ({ ...p, [axis.name]: v })));
  return points;
}

/** A range to sample: the parameter and its bounds. */
export interface Range {
  name: string;
  min: number;
  max: number;
}

/** `PARAM` (its whole range from parameters.ts) or `PARAM=a:b` (a sub-range, inside the whole one). */
export function parseRange(text: string): Range {
  const m = new RegExp(`^\\s*([A-Za-z][A-Za-z0-9]*)\\s*(?:=\\s*(${NUMBER}):(${NUMBER}))?\\s*$`).exec(text);
  if (!m)
    throw new UsageError('cli', `expected PARAM or PARAM=a:b (e.g. mobilityRate=0.02:0.1), got '${text}'`);
  const [, name, a, b] = m;
  const spec = parameterSpec(name);
  if (a === undefined) return { name, min: spec.min, max: spec.max };
  const min = Number(a);
  const max = Number(b);
  checkParameterValue(name, min);
  checkParameterValue(name, max);
  if (min > max) throw new UsageError('cli', `${name}=${a}:${b}: the lower bound is above the upper one`);
  return { name, min, max };
}

/**
 * A Latin hypercube sample of n points (McKay, Beckman & Conover 1979): each range cut into n equal
 * strata, each stratum used by exactly one point, the strata of different parameters matched by
 * independent random permutations, the point placed uniformly within its stratum.
 */
export function latinHypercube(ranges: readonly Range[], n: number, seed: number): Record<string, number>[] {
  if (!Number.isInteger(n) || n < 1) throw new UsageError('cli', `--lhs takes a whole number ≥ 1, got ${n}`);
  const rng = mulberry32(seed);
  const points: Record<string, number>[] = Array.from({ length: n }, () => ({}));
  for (const range of ranges) {
    const strata = shuffle(
      Int32Array.from({ length: n }, (_, i) => i),
      rng,
    );
    for (let i = 0; i < n; i++)
      points[i][range.name] = range.min + ((range.max - range.min) * (strata[i] + rng())) / n;
  }
  return points;
}
