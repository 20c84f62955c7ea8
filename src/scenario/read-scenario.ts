/**
 * The last steps of decoding, shared by links and files: upgrade an older scenario through
 * the migrations, then validate and complete it with the schema.
 */
import { fail, futureVersion, type DecodeResult } from './decode-result';
import { migrate, type JsonObject } from './migrations';
import { describeValue } from './quote';
import { parseScenario } from './schema';
import { SCENARIO_VERSION } from './version';

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Upgrade and validate a scenario given as parsed JSON (from a link, or a file the user
 * opened). `version` is the link's version, which wins over the JSON's own `v`; without it,
 * `v` is used, and a missing `v` means the current version. Never throws.
 */
export function readScenarioValue(value: unknown, version?: number): DecodeResult {
  try {
    if (!isJsonObject(value)) {
      return fail('invalid', 'This scenario is not a JSON object.', [
        'scenario: expected an object',
      ]);
    }
    const v = version ?? value.v ?? SCENARIO_VERSION;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
      return fail('invalid', 'This scenario has no valid version number.', [
        `v: expected a whole number >= 1, got ${describeValue(v)}`,
      ]);
    }
    if (v > SCENARIO_VERSION) return futureVersion(v);
    const migrated = migrate({ ...value, v }, v);
    if (!migrated.ok) {
      return fail('invalid', 'This scenario could not be upgraded to the current format.', [
        migrated.message,
      ]);
    }
    const parsed = parseScenario(migrated.value);
    if (parsed.ok) return { ok: true, scenario: parsed.scenario };
    const n = parsed.errors.length;
    return fail(
      'invalid',
      `This scenario has ${n === 1 ? 'a problem' : `${n} problems`} that this build cannot ` +
        'accept.',
      parsed.errors,
    );
  } catch (e) {
    return fail('invalid', 'This scenario could not be checked.', [String(e)]);
  }
}
