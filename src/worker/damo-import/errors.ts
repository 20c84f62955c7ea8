/** The one error the damo importer throws: what went wrong, and where in the record. */

export type DamoImportProblem =
  /** Over a size cap: the file, the unpacked data, or the number of records/snapshots/regions. */
  | 'too-large'
  /** The file stops early: a cut-off zlib/gzip stream or JSON document. */
  | 'truncated'
  /** Not a damo record at all, or bytes that do not decode. */
  | 'malformed'
  /** A damo record with a field that is missing, of the wrong type or inconsistent. */
  | 'schema';

export class DamoImportError extends Error {
  override name = 'DamoImportError';
  constructor(
    readonly problem: DamoImportProblem,
    message: string,
    /** The field, e.g. `records[0].snapshots[12].regions[3].end`, when there is one. */
    readonly path: string | null = null,
  ) {
    super(path === null ? message : `${path}: ${message}`);
  }
}

/** A short, printable view of a bad value for an error message. */
export function show(value: unknown): string {
  let s: string;
  if (value === undefined) return 'nothing';
  try {
    s =
      typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    s = String(value);
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
