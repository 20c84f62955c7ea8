/**
 * Paths into plain JSON trees (what JSON.parse returns): list the nodes, read one, replace or
 * delete one. Mutations pick a node by path so that every field of a scenario is as likely to
 * be hit as any other, whatever its depth.
 */
export type Json = null | boolean | number | string | unknown[] | { [key: string]: unknown };
export type Path = (string | number)[];

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every path in `root` (the root itself is []), depth first; arrays longer than 64 are sampled. */
export function allPaths(root: unknown, out: Path[] = [], at: Path = []): Path[] {
  out.push(at);
  if (Array.isArray(root)) {
    const n = Math.min(root.length, 64);
    for (let i = 0; i < n; i++) allPaths(root[i], out, [...at, i]);
  } else if (isObject(root)) {
    for (const k of Object.keys(root)) allPaths(root[k], out, [...at, k]);
  }
  return out;
}

export function getAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const k of path) {
    if (Array.isArray(node) && typeof k === 'number') node = node[k];
    else if (isObject(node) && typeof k === 'string') node = node[k];
    else return undefined;
  }
  return node;
}

/** Replace the node at `path` (not the root); returns false when the parent is missing. */
export function setAt(root: unknown, path: Path, value: unknown): boolean {
  if (path.length === 0) return false;
  const parent = getAt(root, path.slice(0, -1));
  const k = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof k === 'number') parent[k] = value;
  else if (isObject(parent) && typeof k === 'string') {
    // A plain assignment to '__proto__' would change the prototype, not add a key.
    Object.defineProperty(parent, k, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else return false;
  return true;
}

/** Delete the node at `path`: an object key, or an array element (the rest shift down). */
export function deleteAt(root: unknown, path: Path): boolean {
  if (path.length === 0) return false;
  const parent = getAt(root, path.slice(0, -1));
  const k = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof k === 'number') parent.splice(k, 1);
  else if (isObject(parent) && typeof k === 'string') delete parent[k];
  else return false;
  return true;
}

/** The key a path ends in, the nearest string one for array elements ('vmas' for vmas[3]). */
export function fieldName(path: Path): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const k = path[i];
    if (typeof k === 'string') return k;
  }
  return '';
}

export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
