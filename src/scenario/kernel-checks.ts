/**
 * What a scenario asks of DAMON that its kernel release does not have. The kernel would refuse
 * these (an unknown sysfs file, an -EINVAL), so the scenario is refused too, at the field, with
 * the release that added it.
 */
import { damonRules, type KernelVersion } from '../engine/kernel';
import type { ReportIssue } from './checks';
import type { Scenario } from './schema';

/**
 * DAMOS migrate_hot / migrate_cold on vaddr: "mm/damon/vaddr: add vaddr versions of
 * migrate_{hot,cold}" (Jul 2025, merged for 6.17); before it they were paddr-only (6.11), and
 * vaddr refused them. (Kept here until the engine's DamonRules has the flag.)
 */
const VADDR_MIGRATE: Readonly<Record<KernelVersion, boolean>> = {
  '6.12': false,
  '6.18': true,
  '7.1': true,
};

export function checkKernelFeatures(s: Scenario, report: ReportIssue): void {
  const rules = damonRules(s.kernel);
  if (!rules.intervalsGoal && s.damon.attrs.intervals_goal.aggrs !== 0)
    report(
      ['damon', 'attrs', 'intervals_goal', 'aggrs'],
      `${s.kernel} has no intervals auto-tuning (intervals_goal came in 6.15); set aggrs to 0 ` +
        'or choose a later kernel',
    );
  s.damon.schemes.forEach((scheme, i) => {
    if ((scheme.action === 'split' || scheme.action === 'collapse') && !rules.damosSplit)
      report(
        ['damon', 'schemes', i, 'action'],
        `${s.kernel} has no DAMOS ${scheme.action}: it comes from the RFC series "mm/damon: ` +
          'add mTHP collapse and split actions", tested on 7.1-rc5 (choose kernel 7.1)',
      );
    if (
      (scheme.action === 'migrate_hot' || scheme.action === 'migrate_cold') &&
      !VADDR_MIGRATE[s.kernel]
    )
      report(
        ['damon', 'schemes', i, 'action'],
        `${s.kernel} has no DAMOS ${scheme.action} for vaddr (paddr only): the vaddr versions ` +
          'came with "mm/damon/vaddr: add vaddr versions of migrate_{hot,cold}" (Jul 2025, ' +
          '6.17); choose kernel 6.18 or later',
      );
  });
  if (rules.filterAllow) return;
  s.damon.schemes.forEach((scheme, i) =>
    scheme.filters.forEach((f, j) => {
      if (f.allow)
        report(
          ['damon', 'schemes', i, 'filters', j, 'allow'],
          `${s.kernel} filters only reject what they match (allow came in 6.14); to keep just ` +
            'what a filter matches, use allow: false with matching inverted',
        );
    }),
  );
}
