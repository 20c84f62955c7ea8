/**
 * Family (a), mutated presets: a preset as JSON, then a few random edits anywhere in the tree
 * (numbers to boundary values, strings to long or odd ones, arrays duplicated, emptied or
 * multiplied, keys deleted, misspelt or added, subtrees swapped with another preset's) and,
 * often, one or two of the targeted recipes in extremes.ts.
 */
import { getPreset, presetIds } from '../../src/scenario';
import { RECIPES } from './extremes';
import type { FuzzRng } from './rng';
import {
  allPaths,
  cloneJson,
  deleteAt,
  fieldName,
  getAt,
  isObject,
  setAt,
  type Path,
} from './tree';
import { KEY_NAMES, mutateNumber, oddString, typo } from './values';

/** Longest an array is multiplied to, per field (the schema's limits and past them). */
const ARRAY_LIMITS: Readonly<Record<string, readonly number[]>> = {
  processes: [8, 9],
  vmas: [16, 1000, 1001],
  threads: [64, 65],
  events: [1000, 1001],
  nodes: [8, 9],
  targets: [8, 1000, 200_000],
  schemes: [16, 17],
  filters: [16, 17],
  goals: [8, 9],
};

const WORKLOAD_KINDS = ['sequential', 'uniform', 'zipf', 'hotwindow', 'sparse', 'hotset', 'bogus'];

function presetJson(rng: FuzzRng): Record<string, unknown> {
  return cloneJson(getPreset(rng.pick(presetIds))) as unknown as Record<string, unknown>;
}

function mutateLeaf(rng: FuzzRng, root: unknown, path: Path): void {
  const node = getAt(root, path);
  const key = fieldName(path);
  if (typeof node === 'number') setAt(root, path, mutateNumber(rng, key, node));
  else if (typeof node === 'string') setAt(root, path, oddString(rng));
  else if (typeof node === 'boolean') setAt(root, path, rng.pick([!node, 0, 1, 'true', null]));
  else if (Array.isArray(node)) mutateArray(rng, node, key);
  else if (isObject(node)) mutateObject(rng, node);
  else setAt(root, path, rng.pick([0, '', {}, []]));
}

function mutateArray(rng: FuzzRng, arr: unknown[], key: string): void {
  const r = rng.int(5);
  if (r === 0) arr.length = 0;
  else if (r === 1 && arr.length > 0) arr.push(cloneJson(rng.pick(arr)));
  else if (r === 2 && arr.length > 0) {
    const target = rng.pick(ARRAY_LIMITS[key] ?? [2, 16, 100]);
    const seed = arr.slice();
    while (arr.length < target) arr.push(cloneJson(seed[arr.length % seed.length]));
  } else if (r === 3) arr.push(rng.pick([null, 0, 'x', {}, []]));
  else arr.reverse();
}

function mutateObject(rng: FuzzRng, obj: Record<string, unknown>): void {
  const keys = Object.keys(obj);
  const r = rng.int(3);
  if (r === 0 || keys.length === 0) {
    const value = rng.pick<unknown>([0, 1, -1, 'x', true, null, {}, [], 2 ** 53]);
    Object.defineProperty(obj, rng.pick(KEY_NAMES), {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else if (r === 1) {
    delete obj[rng.pick(keys)];
  } else {
    const k = rng.pick(keys);
    const v = obj[k];
    delete obj[k];
    Object.defineProperty(obj, typo(rng, k), {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
}

/** Replace a subtree with the node at the same path in another preset (or anywhere in it). */
function swapSubtree(rng: FuzzRng, root: Record<string, unknown>): void {
  const other = presetJson(rng);
  const paths = allPaths(root).filter((p) => p.length > 0);
  if (paths.length === 0) return;
  const path = rng.pick(paths);
  let donor = getAt(other, path);
  if (donor === undefined || rng.chance(0.3)) {
    const otherPaths = allPaths(other).filter((p) => p.length > 0);
    donor = getAt(other, rng.pick(otherPaths));
  }
  setAt(root, path, cloneJson(donor));
}

/** Switch a thread's workload to another kind, keeping the old kind's fields. */
function switchKind(rng: FuzzRng, root: Record<string, unknown>): void {
  const paths = allPaths(root).filter((p) => fieldName(p) === 'workload' && p.length >= 5);
  const path = paths.length > 0 ? rng.pick(paths) : undefined;
  const w = path && getAt(root, path);
  if (isObject(w)) w.kind = rng.pick(WORKLOAD_KINDS);
}

/** One random edit somewhere in the tree. */
export function mutateOnce(rng: FuzzRng, root: Record<string, unknown>): void {
  const r = rng.int(20);
  if (r === 0) swapSubtree(rng, root);
  else if (r === 1) switchKind(rng, root);
  else if (r === 2) {
    const paths = allPaths(root).filter((p) => p.length > 0);
    if (paths.length > 0) deleteAt(root, rng.pick(paths));
  } else {
    const paths = allPaths(root);
    mutateLeaf(rng, root, rng.pick(paths));
  }
}

/**
 * A mutated preset. About a third get only recipes (so they mostly parse and run), a third
 * only random edits (mostly refused: they test the messages), a third both.
 */
export function mutatedPreset(rng: FuzzRng): Record<string, unknown> {
  const root = presetJson(rng);
  const mode = rng.int(3);
  if (mode !== 1) {
    const n = rng.chance(0.7) ? 1 : 2;
    for (let i = 0; i < n; i++) rng.pick(RECIPES)(rng, root);
  }
  if (mode !== 0) {
    const n = 1 + rng.count(6, 1);
    for (let i = 0; i < n; i++) mutateOnce(rng, root);
  }
  return root;
}
