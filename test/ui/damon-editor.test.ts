import { describe, expect, it } from 'vitest';
import { getPreset } from '../../src/scenario';
import {
  addFilter,
  addScheme,
  damonFormPaths,
  defaultScheme,
  removeFilter,
  removeScheme,
  targetsFromText,
  targetsText,
} from '../../src/ui/views/editor/damon-model';
import { getAt } from '../../src/ui/views/editor/draft';
import {
  checkDraft,
  editNumber,
  editorStateOf,
  errorsOutsideForm,
} from '../../src/ui/views/editor/editor-model';

const start = () => editorStateOf(getPreset('default'));

describe('DAMON section of the editor', () => {
  it('adds a scheme with the schema’s own defaults, and filters to it', () => {
    let s = addScheme(start());
    expect(getAt(s.draft, ['damon', 'schemes', 0])).toEqual(defaultScheme());
    expect(defaultScheme()).toMatchObject({ action: 'stat', apply_interval_us: 0, filters: [] });
    s = addFilter(s, 0);
    s = addFilter(s, 0);
    expect(getAt(s.draft, ['damon', 'schemes', 0, 'filters', 1, 'type'])).toBe('anon');
    s = removeFilter(s, 0, 0);
    expect((getAt(s.draft, ['damon', 'schemes', 0, 'filters']) as unknown[]).length).toBe(1);
    expect(checkDraft(s).ok).toBe(true);
    s = removeScheme(s, 0);
    expect(getAt(s.draft, ['damon', 'schemes'])).toEqual([]);
  });

  it('reads targets as a list, keeping what is not a number for the schema to name', () => {
    expect(targetsFromText('0, 1 2')).toEqual([0, 1, 2]);
    expect(targetsFromText('0, x')).toEqual([0, 'x']);
    expect(targetsText([0, 1])).toBe('0, 1');
  });

  it('shows the schema’s DAMON messages in the section, not in the banner', () => {
    let s = addScheme(start());
    s = editNumber(s, ['damon', 'attrs', 'sample_interval'], '200000');
    s = editNumber(s, ['damon', 'schemes', 0, 'pattern', 'min_nr_accesses'], '9');
    s = editNumber(s, ['damon', 'schemes', 0, 'pattern', 'max_nr_accesses'], '3');
    s = editNumber(s, ['damon', 'targets', 0], '4');
    const check = checkDraft(s);
    expect(check.ok).toBe(false);
    const errors = check.ok ? [] : check.errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^damon\.attrs\.aggr_interval: must be at least sample_interval/),
        expect.stringMatching(/^damon\.schemes\[0\]\.pattern\.max_nr_accesses: must be at least/),
        expect.stringMatching(/^damon\.targets\[0\]: process 4 does not exist/),
      ]),
    );
    expect(errorsOutsideForm(errors, s.draft)).toEqual([]);
    expect(damonFormPaths(s.draft).length).toBeGreaterThan(30);
  });
});
