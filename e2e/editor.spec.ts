import type { Page } from '@playwright/test';
import { choosePreset, expect, openScenario, test } from './fixtures';
import { waitPlaying } from './hook';

/** The value shown on one bar of the TLB panel's reach chart (from the worker's stats). */
const panelReach = (page: Page, bar: 'l1_4k' | 'l1_2m' | 'l2_4k' | 'l2_2m') =>
  page.getByTestId('tlb-panel').getByTestId(`reach-${bar}`).locator('.reach-value');

test('a TLB preset chosen in the editor reloads the run, goes into the link and survives a reload', async ({
  page,
}) => {
  await openScenario(page);
  await waitPlaying(page);
  await expect(panelReach(page, 'l2_4k')).toHaveText('6 MiB'); // the default: Skylake, 1536 entries
  const before = page.url();

  await page.getByTestId('edit-scenario').click();
  const editor = page.getByTestId('scenario-editor');
  await expect(editor).toBeVisible();
  await editor.getByLabel('TLB preset').selectOption('zen2');
  await expect(editor.getByLabel('STLB entries')).toHaveValue('2048');
  await expect(editor.getByLabel('STLB ways')).toHaveValue('16');
  await expect(editor.getByTestId('editor-reach-l2')).toContainText('8 MiB');
  await expect(editor.getByTestId('tlb-preset-info')).toContainText('AMD Software Optimization');
  await editor.getByRole('button', { name: 'Apply' }).click();

  await expect(editor).toBeHidden();
  await expect.poll(() => page.url()).not.toBe(before);
  expect(new URL(page.url()).hash).toMatch(/^#s=\d+\./);
  // 2048 STLB entries × 4 KiB, as the worker reports it for the new run.
  await expect(panelReach(page, 'l2_4k')).toHaveText('8 MiB');
  await expect(panelReach(page, 'l1_2m')).toHaveText('128 MiB');
  // no longer the 'default' preset
  await expect(page.getByTestId('scenario-menu')).toHaveAttribute('data-value', '');

  const link = page.url();
  await page.reload();
  await waitPlaying(page);
  expect(page.url()).toBe(link);
  await expect(panelReach(page, 'l2_4k')).toHaveText('8 MiB');
  await page.keyboard.press('e');
  await expect(editor.getByLabel('TLB preset')).toHaveValue('zen2');
  await expect(editor.getByLabel('STLB entries')).toHaveValue('2048');

  // Escape closes without changing anything.
  await editor.getByLabel('CPUs').fill('3');
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
  expect(page.url()).toBe(link);
});

test('invalid input is explained where it was typed and blocks Apply', async ({ page }) => {
  await openScenario(page);
  await waitPlaying(page);
  await page.keyboard.press('e');
  const editor = page.getByTestId('scenario-editor');
  const apply = editor.getByRole('button', { name: 'Apply' });

  // A form field: the schema's message next to it.
  await editor.getByLabel('CPUs').fill('0');
  await expect(editor.getByText('must be at least 1')).toBeVisible();
  await expect(apply).toBeDisabled();
  await editor.getByLabel('CPUs').fill('2');
  await expect(apply).toBeEnabled();

  // The JSON tab: a value the schema refuses, then text that is not JSON.
  await editor.getByRole('tab', { name: 'Advanced: JSON' }).click();
  const json = editor.getByTestId('editor-json');
  const scenario = JSON.parse(await json.inputValue()) as {
    processes: { vmas: { start: string }[] }[];
  };
  // Addresses are shown in hex, and read back from hex.
  const vma = scenario.processes[0]!.vmas[1]!;
  expect(vma.start).toMatch(/^0x[0-9a-f]+$/);
  vma.start = `0x${(Number(vma.start) + 0x123).toString(16)}`;
  await json.fill(JSON.stringify(scenario, null, 2));
  await expect(editor.getByTestId('editor-json-errors')).toContainText(
    'processes[0].vmas[1].start: must be page aligned',
  );
  await expect(apply).toBeDisabled();

  await json.fill('{ "seed": ');
  await expect(editor.getByTestId('editor-json-errors')).toContainText('JSON:');
  await expect(apply).toBeDisabled();

  await json.fill('{ "seed": 7 }');
  await expect(editor.getByText('Valid scenario.')).toBeVisible();
  await expect(apply).toBeEnabled();

  const before = page.url();
  await editor.getByRole('button', { name: 'Cancel' }).click();
  await expect(editor).toBeHidden();
  expect(page.url()).toBe(before);
});

test('threads and VMAs are edited in the form: the hotwin what-if, a 4 MiB window', async ({
  page,
}) => {
  await openScenario(page);
  await choosePreset(page, 'hotwin');
  await expect(page.getByTestId('explain-panel')).toContainText('Scenario: hotwin');
  await page.keyboard.press('e');
  const editor = page.getByTestId('scenario-editor');
  const thread = editor.getByTestId('editor-thread-0-0');
  await expect(thread.getByLabel('thread main workload')).toHaveValue('hotwindow');
  await expect(thread.getByLabel('thread main window')).toHaveValue('64 MiB');
  await thread.getByLabel('thread main window').fill('4 MiB');
  await thread.getByLabel('thread main step').fill('4M');
  await expect(editor.getByLabel('VMA buf size')).toHaveValue('512 MiB');
  await expect(editor.getByLabel('VMA buf THP advice')).toHaveValue('nohugepage');

  // A size that is not one is explained at the field and blocks Apply.
  await editor.getByLabel('VMA buf size').fill('lots');
  await expect(editor.getByText('size must be a whole number of bytes')).toBeVisible();
  await expect(editor.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await editor.getByLabel('VMA buf size').fill('512 MiB');

  await editor.getByRole('button', { name: 'Apply' }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByTestId('scenario-menu')).toHaveAttribute('data-value', '');
  await expect(page.getByTestId('scenario-menu')).toContainText('hotwin (edited)');
  await page.keyboard.press('e');
  await editor.getByRole('tab', { name: 'Advanced: JSON' }).click();
  const json = JSON.parse(await editor.getByTestId('editor-json').inputValue()) as {
    processes: { threads: { workload: { windowBytes: number; stepBytes: number } }[] }[];
  };
  expect(json.processes[0]!.threads[0]!.workload).toMatchObject({
    windowBytes: 4 * 1024 * 1024,
    stepBytes: 4 * 1024 * 1024,
  });
});

test('the kernel release is chosen in the editor, shown above the heatmaps and kept in the link', async ({
  page,
}) => {
  await openScenario(page);
  await waitPlaying(page);
  await expect(page.getByTestId('explain-kernel')).toContainText('Linux 7.1');
  await page.getByTestId('edit-scenario').click();
  const editor = page.getByTestId('scenario-editor');
  await expect(editor.getByLabel('kernel')).toHaveValue('7.1');
  await editor.getByLabel('kernel').selectOption('6.12');
  // an Arm core always has ASIDs: the PCID switch is fixed on
  await editor.getByLabel('TLB preset').selectOption('neoverse-n1');
  await expect(editor.getByLabel('architecture')).toHaveValue('arm64');
  await expect(editor.getByLabel(/PCID/)).toBeDisabled();
  await editor.getByRole('button', { name: 'Apply' }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByTestId('explain-kernel')).toContainText('Linux 6.12');
  const link = page.url();
  await page.reload();
  await waitPlaying(page);
  expect(page.url()).toBe(link);
  await expect(page.getByTestId('explain-kernel')).toContainText('Linux 6.12');
});

test('NUMA in the editor: a CPU-less node, its SLIT and the fault routing go into the link', async ({
  page,
}) => {
  await openScenario(page);
  await waitPlaying(page);
  await page.keyboard.press('e');
  const editor = page.getByTestId('scenario-editor');
  const numa = editor.getByTestId('editor-numa');
  const apply = editor.getByRole('button', { name: 'Apply' });
  const defaultSlit = numa.getByTestId('editor-distance-default');

  // one node: no distances to edit
  await expect(numa.getByLabel('distance from node 0 to node 0')).toHaveCount(0);
  await numa.getByLabel('NUMA nodes').selectOption('2');
  // the grid shows the default the scenario leaves to the engine
  await expect(numa.getByLabel('distance from node 0 to node 1')).toHaveValue('20');
  await expect(defaultSlit).toBeDisabled();
  await numa.getByLabel('node 1 is CPU-less').check();
  await expect(numa.getByTestId('editor-node-1')).toContainText('no CPUs (memory only)');
  await expect(numa.getByTestId('editor-node-0')).toContainText('2 CPUs: 0, 1');

  // 255 is "unreachable" in a SLIT: explained at the grid, and Apply waits
  await numa.getByLabel('distance from node 1 to node 0').fill('255');
  await expect(numa.getByText(/1 → 0: must not be 255/)).toBeVisible();
  await expect(apply).toBeDisabled();
  await numa.getByLabel('distance from node 1 to node 0').fill('30');
  await numa.getByLabel('distance from node 0 to node 1').fill('30');
  await expect(defaultSlit).toBeEnabled();

  // the RFC's primitive needs a routing that has MM_CP_DAMON
  await editor.getByTestId('editor-damon').getByLabel('primitive').selectOption('page_fault');
  await expect(editor.getByText(/mainline has no MM_CP_DAMON/)).toBeVisible();
  await expect(apply).toBeDisabled();
  await numa.getByLabel('handler').selectOption('owner');
  await expect(numa).toContainText('goes to that owner');
  await numa.getByLabel('numa_balancing').selectOption('2');
  await expect(apply).toBeEnabled();
  await apply.click();
  await expect(editor).toBeHidden();

  const link = page.url();
  await page.reload();
  await waitPlaying(page);
  expect(page.url()).toBe(link);
  await page.keyboard.press('e');
  await expect(numa.getByLabel('NUMA nodes')).toHaveValue('2');
  await expect(numa.getByLabel('node 1 is CPU-less')).toBeChecked();
  await expect(numa.getByLabel('distance from node 1 to node 0')).toHaveValue('30');
  await expect(numa.getByLabel('handler')).toHaveValue('owner');
  await expect(numa.getByLabel('numa_balancing')).toHaveValue('2');
  await expect(editor.getByTestId('editor-damon').getByLabel('primitive')).toHaveValue(
    'page_fault',
  );
  // back to the default SLIT
  await defaultSlit.click();
  await expect(numa.getByLabel('distance from node 1 to node 0')).toHaveValue('20');
  await expect(defaultSlit).toBeDisabled();
});
