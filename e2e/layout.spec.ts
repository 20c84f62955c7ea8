/**
 * The page's layout at common screen sizes, by bounding boxes: the toolbar, the explanation,
 * the two heatmap panels with their headers and controls, and the side panels do not overlap
 * one another and stay inside the window's width; the explanation comes first, above the
 * heatmaps or at the top of the side column beside them; the controls that used to be covered
 * ("Reset zoom", "Live") are the topmost element where they are drawn. Below 960 px the page is
 * one column and the charts' text keeps its size. One page load per size.
 */
import type { Page } from '@playwright/test';
import { expect, openScenario, test, waitForSimTime } from './fixtures';
import { runUntil } from './hook';

interface Box {
  name: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Layout {
  viewport: { w: number; h: number };
  scrollWidth: number;
  /** The page's main parts, each a box. */
  panels: Box[];
  /** Controls and headers of the toolbar, each a box. */
  toolbar: Box[];
  /** Controls and headers of the heatmap pair (its header, both panels' heads, the scrubber). */
  heat: Box[];
  /** Elements that must be the topmost one at their centre, and what is there instead if not. */
  covered: string[];
  /** Rendered height of the side charts' tick text, CSS px. */
  chartTextPx: number;
  /** Grid columns of the workspace. */
  columns: number;
}

/** Everything measured in one evaluate, so a size costs one round trip. */
function measure(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const boxOf = (name: string, el: Element, clip?: DOMRect): Box | null => {
      let r = el.getBoundingClientRect();
      if (clip) {
        const left = Math.max(r.left, clip.left);
        const top = Math.max(r.top, clip.top);
        const right = Math.min(r.right, clip.right);
        const bottom = Math.min(r.bottom, clip.bottom);
        r = new DOMRect(left, top, Math.max(0, right - left), Math.max(0, bottom - top));
      }
      const style = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') return null;
      return { name, x: r.left, y: r.top, w: r.width, h: r.height };
    };
    const all = (selector: string, label: (el: Element, i: number) => string, clip?: DOMRect) =>
      [...document.querySelectorAll(selector)]
        .map((el, i) => boxOf(label(el, i), el, clip))
        .filter((b): b is Box => b !== null);
    const named = (el: Element, i: number) =>
      `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 24)}" #${i}`;

    const side = document.querySelector('.side-column')!;
    // A side panel scrolled out of its column is not on screen: only its visible part counts.
    const sideClip =
      getComputedStyle(side).overflowY === 'visible' ? undefined : side.getBoundingClientRect();
    const panels = [
      ...all('.toolbar', () => 'toolbar'),
      ...all(
        '[data-testid=explain-panel]',
        () => 'explanation',
        side.contains(document.querySelector('.explain')) ? sideClip : undefined,
      ),
      ...all('[data-testid=heatmap-truth]', () => 'truth heatmap'),
      ...all('[data-testid=heatmap-damon]', () => 'DAMON heatmap'),
      ...all(
        '.side-column > .panel:not(.explain)',
        (el) => `side: ${el.querySelector('h2')?.textContent ?? '?'}`,
        sideClip,
      ),
    ];
    const toolbar = all('.toolbar > *', named);
    const heat = all(
      [
        '.heat-pair-head button',
        '.heat-pair-head select',
        '.heat-pair-head label',
        '.heat-view-head h2',
        '.heat-view-head button',
        '.heat-view-head select',
        '.heat-view-head label',
        '.scrub-bar > *',
      ].join(','),
      named,
    );
    const covered: string[] = [];
    const mustBeOnTop = [
      ...document.querySelectorAll(
        '.heat-pair button, .scrub-bar input, .toolbar button, .toolbar select',
      ),
    ];
    for (const el of mustBeOnTop) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.bottom <= 0 || r.top >= innerHeight) continue;
      const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (at !== null && !el.contains(at) && !at.contains(el))
        covered.push(`${named(el, 0)} under ${named(at, 0)}`);
    }
    const tick = document.querySelector('.chart .chart-tick');
    const workspace = document.querySelector('.workspace')!;
    return {
      viewport: { w: innerWidth, h: innerHeight },
      scrollWidth: document.documentElement.scrollWidth,
      panels,
      toolbar,
      heat,
      covered,
      chartTextPx: tick ? tick.getBoundingClientRect().height : NaN,
      columns: getComputedStyle(workspace).gridTemplateColumns.split(' ').length,
    };
  });
}

/** Overlap of two boxes, in px of each axis (≤ 1 px counts as touching: borders meet). */
function overlaps(a: Box, b: Box): boolean {
  const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return dx > 1 && dy > 1;
}

function contains(outer: Box, inner: Box): boolean {
  return (
    inner.x >= outer.x - 1 &&
    inner.y >= outer.y - 1 &&
    inner.x + inner.w <= outer.x + outer.w + 1 &&
    inner.y + inner.h <= outer.y + outer.h + 1
  );
}

/** Pairs of boxes that overlap, leaving out a box and what it contains (a label and its input). */
function overlapping(boxes: Box[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      if (contains(a, b) || contains(b, a)) continue;
      if (overlaps(a, b)) found.push(`${a.name} × ${b.name}`);
    }
  return found;
}

function outsideWidth(boxes: Box[], width: number): string[] {
  return boxes.filter((b) => b.x < -0.5 || b.x + b.w > width + 0.5).map((b) => b.name);
}

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
  { width: 800, height: 900 },
];

for (const viewport of SIZES) {
  test.describe(`${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('panels and controls do not overlap and fit the width', async ({ page }) => {
      await openScenario(page);
      await waitForSimTime(page, 300_000);
      await runUntil(page, 600_000); // paused: nothing moves while it is measured
      await expect(page.getByTestId('nr-regions')).toBeVisible();
      await expect(page.getByTestId('explain-panel')).toContainText('Look at');

      const m = await measure(page);
      const names = m.panels.map((b) => b.name);
      for (const want of [
        'toolbar',
        'explanation',
        'truth heatmap',
        'DAMON heatmap',
        'side: DAMON',
      ])
        expect(names, `${want} is on the page`).toContain(want);

      expect(m.scrollWidth, 'no horizontal scrolling').toBeLessThanOrEqual(m.viewport.w);
      const all = [...m.panels, ...m.toolbar, ...m.heat];
      expect(outsideWidth(all, m.viewport.w), 'outside the window').toEqual([]);
      expect(overlapping(m.panels), 'panels overlapping').toEqual([]);
      expect(overlapping(m.toolbar), 'toolbar items overlapping').toEqual([]);
      expect(overlapping(m.heat), 'heatmap controls overlapping').toEqual([]);
      expect(m.covered, 'controls covered by something else').toEqual([]);

      // Every heatmap control lies in the heatmap pair, away from the side column.
      const pair = (await page.locator('.heat-pair').boundingBox())!;
      const pairBox = { name: 'pair', x: pair.x, y: pair.y, w: pair.width, h: pair.height };
      expect(m.heat.filter((b) => !contains(pairBox, b)).map((b) => b.name)).toEqual([]);
      for (const side of m.panels.filter((b) => b.name.startsWith('side:')))
        expect(overlaps(pairBox, side), `${side.name} over the heatmaps`).toBe(false);

      // The explanation comes first: above the heatmaps, or at the top beside them.
      const explanation = m.panels.find((b) => b.name === 'explanation')!;
      const above = explanation.y + explanation.h <= pair.y + 1;
      const beside = explanation.x >= pair.x + pair.width - 1 && explanation.y <= pair.y + 1;
      expect(above || beside, 'the explanation above or beside the heatmaps').toBe(true);
      expect(explanation.y, 'the explanation in the first screenful').toBeLessThan(
        m.viewport.h / 2,
      );
      if (beside) {
        const sidePanels = m.panels.filter((b) => b.name.startsWith('side:'));
        expect(Math.min(...sidePanels.map((b) => b.y))).toBeGreaterThan(explanation.y);
      }

      if (viewport.width < 960) {
        expect(m.columns, 'one column').toBe(1);
        // The charts draw at their width: tick text stays small print, not blown up.
        expect(m.chartTextPx).toBeGreaterThan(6);
        expect(m.chartTextPx).toBeLessThan(14);
      } else {
        expect(m.columns, 'heatmaps and side column').toBe(2);
      }
    });
  });
}
