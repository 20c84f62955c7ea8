/**
 * The lock lab in Chromium: a broken level stepped by hand (clicking the thread buttons in
 * the order of the engine's known shortest counterexample) to its violation, the explorer's
 * verdict and counterexample, that counterexample's link opened in a new page; the state
 * graph's zoom (wheel, keys, buttons) and its ring on the stepper's state under sleep sets; the
 * mode switch from the toolbar and the keyboard; a bad lab link explained, not blank.
 */
import { expect, openScenario, test } from './fixtures';

/** no-mm-check's shortest counterexample (npm run -s sim -- lock-lab no-mm-check --json). */
const CX = [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 0, 0, 0, 0];
const steps = (n: number) => `${n} step${n === 1 ? '' : 's'}`;

test('step a broken level to its violation, explore it, open the counterexample link', async ({
  page,
  context,
}) => {
  await openScenario(page, 'lab=1~l~no-mm-check~');
  await expect(page.getByTestId('lab-head')).toContainText('No vm_mm check');
  await expect(page.getByTestId('mode-lab')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('lab-step-count')).toHaveText(steps(0));

  for (const [k, t] of CX.entries()) {
    await page.getByTestId(`step-thread-${t}`).click();
    await expect(page.getByTestId('lab-step-count')).toHaveText(steps(k + 1));
  }
  const violation = page.getByTestId('lab-violation');
  await expect(violation).toBeVisible();
  await expect(violation).toContainText('read-lock-valid');
  await expect(violation).toContainText('now belongs to another mm');
  // the run stopped: no thread may step, and the buttons say why
  for (const t of [0, 1, 2]) {
    const button = page.getByTestId(`step-thread-${t}`);
    await expect(button).toBeDisabled();
    await expect(button).toHaveAttribute('title', /broken invariant/);
  }
  // the schedule is in the address bar
  await expect(page).toHaveURL(new RegExp(`#lab=1~l~no-mm-check~${CX.join('')}$`));
  await expect(page.getByTestId('level-no-mm-check')).toContainText('✓');

  await page.getByTestId('explore-run').click();
  await expect(page.getByTestId('explore-verdict')).toHaveText(
    'States 1400, Positive 6, Negative 4: Sometimes',
  );
  await expect(page.getByTestId('explore-cx')).toContainText(`${CX.length} steps`);
  await expect(page.getByTestId('graph-too-large')).toHaveText(
    'The state graph is drawn only up to 400 states; this scenario has 1,400.',
  );
  await expect(page.getByTestId('lab-graph')).toHaveCount(0);

  // undo twice, then load the counterexample back into the stepper
  await page.getByTestId('lab-undo').click();
  await page.getByTestId('lab-undo').click();
  await expect(page.getByTestId('lab-step-count')).toHaveText(steps(CX.length - 2));
  await expect(violation).toBeHidden();
  await page.getByTestId('cx-load').click();
  await expect(page.getByTestId('lab-step-count')).toHaveText(steps(CX.length));
  await expect(violation).toBeVisible();

  const href = await page.getByTestId('cx-link').getAttribute('href');
  expect(href).toMatch(/#lab=1~l~no-mm-check~[0-9]+$/);
  const other = await context.newPage();
  await other.goto(href!);
  await expect(other.getByTestId('lab-violation')).toContainText('now belongs to another mm');
  await expect(other.getByTestId('lab-schedule')).toHaveText(
    (await page.getByTestId('lab-schedule').textContent())!,
  );
  await other.close();
});

test('a link replays its schedule; a blocked thread cannot step and says why', async ({ page }) => {
  // T0 holds a reference from vma_start_read; T1's vma_start_write waits for it to leave.
  await openScenario(page, 'lab=1~l~correct~0000111');
  await expect(page.getByTestId('lab-step-count')).toHaveText(steps(7));
  const t1 = page.getByTestId('step-thread-1');
  await expect(t1).toBeDisabled();
  await expect(t1).toHaveAttribute(
    'title',
    /rcuwait_wait_event for the readers of VMA 0 to leave \(T0 holds a reference\)/,
  );
  await expect(page.getByTestId('lab-thread-state-1')).toContainText(
    'blocked: waiting in rcuwait_wait_event',
  );
  await expect(page.getByTestId('lab-refcnt-0')).toContainText('writer excluding readers');
  await t1.click({ force: true }); // refused: nothing happens
  await expect(page.getByTestId('lab-step-count')).toHaveText(steps(7));
  // from the keyboard: 0 steps T0, z undoes
  await page.keyboard.press('0');
  await expect(page.getByTestId('lab-step-count')).toHaveText(steps(8));
  await page.keyboard.press('z');
  await expect(page.getByTestId('lab-step-count')).toHaveText(steps(7));
});

test('a small level draws its state graph; clicking a violation state loads it', async ({
  page,
}) => {
  await openScenario(page, 'lab=1~l~writer-no-wait~');
  await page.getByTestId('explore-run').click();
  await expect(page.getByTestId('explore-verdict')).toHaveText(/^States 123, .*: Sometimes$/);
  const graph = page.getByTestId('lab-graph');
  await expect(graph).toBeVisible();
  await expect(graph).toContainText('State graph: 123 states');
  await expect(graph.locator('[data-testid^="graph-node-"]')).toHaveCount(123);
  // the stepper is at the initial state, ringed in the graph
  await expect(page.getByTestId('graph-node-0')).toHaveClass(/current/);
  const cxText = (await page.getByTestId('explore-cx').textContent())!;
  const cxLength = Number(/(\d+) steps/.exec(cxText)![1]);
  const target = graph.locator('.lab-gnode.violation.on-path');
  await expect(target).toHaveCount(1);
  await expect(target).toHaveAttribute('aria-label', /breaks reader-vs-writer/);
  await target.hover();
  await expect(page.getByTestId('graph-detail')).toContainText('breaks reader-vs-writer');
  await target.click();
  await expect(page.getByTestId('lab-step-count')).toHaveText(steps(cxLength));
  await expect(page.getByTestId('lab-violation')).toBeVisible();
  await expect(page.getByTestId('lab-violation')).toContainText('reader-vs-writer');
  await expect(target).toHaveClass(/current/);
  // another violation state, reached by a different schedule, from the keyboard
  const others = graph.locator('.lab-gnode.violation:not(.on-path)');
  expect(await others.count()).toBeGreaterThan(0);
  const other = others.first();
  const depth = Number(/after (\d+) step/.exec((await other.getAttribute('aria-label'))!)![1]);
  await other.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lab-step-count')).toHaveText(steps(depth));
  await expect(page.getByTestId('lab-violation')).toBeVisible();
  await expect(other).toHaveClass(/current/);
});

test('the state graph zooms and pans; 0 and the reset button show it whole again', async ({
  page,
}) => {
  await openScenario(page, 'lab=1~l~writer-no-wait~');
  await page.getByTestId('explore-run').click();
  const box = page.getByTestId('graph-box');
  await expect(box).toBeVisible();
  const zoom = page.getByTestId('graph-zoom');
  const layer = page.getByTestId('graph-zoom-layer');
  const reset = page.getByTestId('graph-zoom-reset');
  await expect(zoom).toHaveText('100%');
  await expect(reset).toHaveAttribute('title', /whole graph/);
  await expect(box).toHaveAttribute('aria-label', /\+ and − zoom.*0 shows the whole graph/);
  // the wheel zooms in about the pointer
  await box.scrollIntoViewIfNeeded();
  const b = (await box.boundingBox())!;
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 3);
  await page.mouse.wheel(0, -400);
  await expect(zoom).not.toHaveText('100%');
  await expect(layer).toHaveAttribute('transform', /scale\((?!1\))/);
  await reset.click();
  await expect(zoom).toHaveText('100%');
  await expect(layer).toHaveAttribute('transform', 'translate(0,0) scale(1)');
  // from the keyboard, with the graph focused: + zooms, an arrow pans, 0 resets (and does not
  // step T0)
  await box.focus();
  await page.keyboard.press('+');
  await expect(zoom).toHaveText('150%');
  const zoomed = await layer.getAttribute('transform');
  await page.keyboard.press('ArrowRight');
  await expect(layer).not.toHaveAttribute('transform', zoomed!);
  await page.keyboard.press('0');
  await expect(zoom).toHaveText('100%');
  await expect(page.getByTestId('lab-step-count')).toHaveText(steps(0));
  // zoomed in on a state (the wheel keeps what is under the pointer there), a click loads it
  await page.getByTestId('graph-zoom-in').click();
  await expect(zoom).toHaveText('150%');
  await page.getByTestId('graph-zoom-out').click();
  await expect(zoom).toHaveText('100%');
  const target = page.locator('.lab-gnode.violation.on-path');
  const t = (await target.boundingBox())!;
  await page.mouse.move(t.x + t.width / 2, t.y + t.height / 2);
  await page.mouse.wheel(0, -600);
  await expect(zoom).not.toHaveText('100%');
  await target.click();
  await expect(page.getByTestId('lab-violation')).toBeVisible();
  await expect(target).toHaveClass(/current/);
  // away from the graph, 0 steps T0 again
  await page.getByTestId('lab-undo').click();
  const n = Number(/\d+/.exec((await page.getByTestId('lab-step-count').textContent())!)![0]);
  await page.getByTestId('lab-head').click();
  await page.keyboard.press('0');
  await expect(page.getByTestId('lab-step-count')).toHaveText(steps(n + 1));
});

test('with sleep sets, the stepper state stays ringed where the graph skips its steps', async ({
  page,
}) => {
  // writer-no-wait with sleep sets (the default): T1 then T0 commute with T0 then T1, and the
  // reduced graph draws only the latter; the state is ringed all the same, and a caption says why
  await openScenario(page, 'lab=1~l~writer-no-wait~');
  await page.getByTestId('explore-run').click();
  await expect(page.getByTestId('lab-graph')).toBeVisible();
  await expect(page.getByTestId('graph-current-note')).toHaveCount(0);
  for (const t of [1, 0]) await page.getByTestId(`step-thread-${t}`).click();
  await expect(page.getByTestId('lab-step-count')).toHaveText(steps(2));
  const ringed = page.locator('.lab-gnode.current');
  await expect(ringed).toHaveCount(1);
  const id = (await ringed.getAttribute('data-testid'))!.replace('graph-node-', '');
  await expect(page.getByTestId('graph-current-note')).toContainText(
    `The stepper is at state ${id} (ringed)`,
  );
  await expect(page.getByTestId('graph-current-note')).toContainText('sleep sets leave out');
  await expect(page.getByTestId('graph-detail')).toContainText(`State ${id}`);
  await expect(page.getByTestId('graph-detail')).toContainText('(the stepper is here)');
});

test('the toolbar and the m key switch modes; scenario links still open the simulation', async ({
  page,
}) => {
  await openScenario(page);
  await expect(page.getByTestId('sim-time')).toBeVisible();
  await page.keyboard.press('m');
  await expect(page.getByTestId('lab-intro')).toBeVisible();
  await expect(page).toHaveURL(/#lab$/);
  await expect(page.getByTestId('sim-time')).toBeHidden();
  await page.getByTestId('level-correct').click();
  await expect(page.getByTestId('lab-head')).toContainText('The kernel as merged');
  await page.getByTestId('explore-run').click();
  await expect(page.getByTestId('explore-verdict')).toHaveText(/: Never$/);
  await expect(page.getByTestId('level-correct')).toContainText('✓');

  await page.getByTestId('mode-mm').click();
  await expect(page.getByTestId('sim-time')).toBeVisible();
  await expect(page).not.toHaveURL(/#lab/);
  await page.getByTestId('mode-lab').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lab-head')).toContainText('The kernel as merged');
});

test('a bad lab link says what is wrong with it', async ({ page }) => {
  await openScenario(page, 'lab=1~l~no-such-level~');
  const problem = page.getByTestId('lab-problem');
  await expect(problem).toContainText('This lock-lab link does not open');
  await expect(problem).toContainText('There is no level "no-such-level"');
  await openScenario(page, 'lab=7~q');
  await expect(problem).toContainText('Expected 4 fields separated by ~');
  await problem.getByRole('button', { name: 'Open level 1' }).click();
  await expect(page.getByTestId('lab-head')).toContainText('The kernel as merged');
});

/** Screenshots for review (LAB_SHOTS=dir): two window sizes, light and dark. */
test('screenshots', async ({ page }) => {
  const dir = process.env.LAB_SHOTS;
  test.skip(!dir, 'set LAB_SHOTS to a folder to take them');
  for (const [w, h] of [
    [1024, 700],
    [1920, 1080],
  ] as const)
    for (const theme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.emulateMedia({ colorScheme: theme });
      await openScenario(page, `lab=1~l~no-mm-check~${CX.slice(0, 14).join('')}`);
      await expect(page.getByTestId('lab-step-count')).toHaveText(steps(14));
      await page.getByTestId('explore-run').click();
      await expect(page.getByTestId('explore-verdict')).toBeVisible();
      // focus from the keyboard, to see the focus ring
      await page.getByTestId('lab-undo').focus();
      await page.keyboard.press('Tab');
      await page.screenshot({ path: `${dir}/lab-${w}x${h}-${theme}.png` });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${dir}/lab-${w}x${h}-${theme}-full.png`, fullPage: true });
      await page.getByTestId('cx-load').click();
      await expect(page.getByTestId('lab-violation')).toBeVisible();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({
        path: `${dir}/lab-${w}x${h}-${theme}-violation-full.png`,
        fullPage: true,
      });
      // a small level's state graph, the counterexample's state loaded into the stepper
      await openScenario(page, 'lab=1~l~plain-inc~');
      await page.getByTestId('explore-run').click();
      await expect(page.getByTestId('lab-graph')).toBeVisible();
      await page.locator('.lab-gnode.violation.on-path').click();
      await expect(page.getByTestId('lab-violation')).toBeVisible();
      await page.getByTestId('lab-graph').scrollIntoViewIfNeeded();
      await page.locator('.lab-gnode.end').first().hover();
      await page.screenshot({ path: `${dir}/lab-graph-${w}x${h}-${theme}.png` });
      await page.getByTestId('lab-graph').screenshot({
        path: `${dir}/lab-graph-${w}x${h}-${theme}-graph.png`,
      });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({
        path: `${dir}/lab-graph-${w}x${h}-${theme}-full.png`,
        fullPage: true,
      });
    }
});

test('"to end of op" runs a whole kernel-level operation in one click; Shift+digit too', async ({
  page,
}) => {
  await openScenario(page, 'lab=1~l~no-mm-check~');
  await expect(page.getByTestId('lab-step-count')).toHaveText(steps(0));
  // T0's fault, alone: lock_vma_under_rcu through the fault to vma_end_read, 10 atomic steps
  await page.getByTestId('finish-op-0').click();
  await expect(page.getByTestId('lab-step-count')).toHaveText(steps(10));
  await expect(page.getByTestId('lab-thread-state-0')).toContainText('done: ok');
  await page.keyboard.press('Shift+Digit1');
  await expect(page.getByTestId('lab-thread-state-1')).toContainText('done');
  await page.keyboard.press('z');
  await expect(page.getByTestId('lab-thread-state-1')).not.toContainText('done');
});
