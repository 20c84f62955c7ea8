/**
 * The version of the scenario format this build writes. Bump it only together with a new entry
 * in `MIGRATIONS` (migrations.ts) that upgrades the previous version, and keep a fixture of the
 * old format under test/fixtures/urls/ so links already shared keep opening.
 */
export const SCENARIO_VERSION = 4;
export type ScenarioVersion = typeof SCENARIO_VERSION;
