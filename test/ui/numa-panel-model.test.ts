/**
 * The NUMA panel's pure models: route rates over the last simulated second, the flow layout
 * (one width scale for all four routes, misroutes flagged), the fault table's rows, the
 * counters and lifetimes read from a report, the timeline's markers and the heatmap jump.
 */
import { describe, expect, it } from 'vitest';
import type { NumaReport } from '../../src/engine/numa/numa-report';
import type { FaultLogEntry } from '../../src/engine/numa/routing-stats';
import type { AddressAxis } from '../../src/engine/report';
import type { NumaSample, RouteCounts } from '../../src/store';
import { commandForKey } from '../../src/ui/app/commands';
import { faultRows, formatLived } from '../../src/ui/views/numa/fault-rows';
import { layoutFlows, routeRates, routesOf } from '../../src/ui/views/numa/flow-model';
import { columnOf, faultJump } from '../../src/ui/views/numa/jump';
import {
  bucketRange,
  cpuList,
  routingCounters,
  staleLifetimes,
  threadRows,
} from '../../src/ui/views/numa/numa-model';
import { markerOf, placeMarkers } from '../../src/ui/views/numa/timeline-model';

function sample(tUs: number, routes: RouteCounts): NumaSample {
  return {
    tUs,
    usedBytes: [0],
    totalBytes: [1],
    routes,
    misrouted: routes[1] + routes[2],
    spuriousMigrations: 0,
    numaMigrated: 0,
    promoted: 0,
    damosMigrated: 0,
  };
}

describe('route rates', () => {
  it('are faults per simulated second since the newest sample a second or more older', () => {
    const series = [
      sample(0, [0, 0, 0, 0]),
      sample(500_000, [100, 0, 0, 0]),
      sample(1_000_000, [300, 0, 0, 0]),
      sample(1_500_000, [400, 50, 0, 0]),
    ];
    // from 500 ms (1 s before the newest) to 1.5 s
    expect(routeRates(series)).toEqual({ perSec: [300, 50, 0, 0], t0Us: 500_000, t1Us: 1_500_000 });
  });

  it('use the oldest sample of a shorter series, and t = 0 for a single one', () => {
    expect(
      routeRates([sample(200_000, [10, 0, 0, 0]), sample(400_000, [30, 0, 0, 4])])?.perSec,
    ).toEqual([100, 0, 0, 20]);
    expect(routeRates([sample(2_000_000, [10, 4, 0, 0])])?.perSec).toEqual([5, 2, 0, 0]);
    expect(routeRates([])).toBeNull();
    expect(routeRates([sample(0, [0, 0, 0, 0])])).toBeNull();
  });
});

describe('flow layout', () => {
  const box = { width: 320, height: 132, leftX: 100, rightX: 214, barW: 6, gap: 14, minW: 1.5 };

  it('flags the misrouted routes and sizes every ribbon on one scale', () => {
    const routes = routesOf([300, 100, 0, 0], [3000, 400, 2, 0]);
    expect(routes.map((r) => [r.id, r.misrouted, r.perSec, r.total])).toEqual([
      ['numa-numa', false, 300, 3000],
      ['numa-damon', true, 100, 400],
      ['damon-numa', true, 0, 2],
      ['damon-damon', false, 0, 0],
    ]);
    const { ribbons, slots, fullScale } = layoutFlows(routes, box);
    const slotH = (132 - 14) / 2;
    // the busiest slot (NUMA balancing's, 400/s) fills 80 % of its height
    expect(fullScale).toBeCloseTo(400 / 0.8);
    const w = Object.fromEntries(ribbons.map((r) => [r.id, r.w]));
    expect(w['numa-numa']! + w['numa-damon']!).toBeCloseTo(0.8 * slotH);
    expect(w['numa-numa']! / w['numa-damon']!).toBeCloseTo(3);
    expect([w['damon-numa'], w['damon-damon']]).toEqual([0, 0]);
    const numaOut = slots.find((s) => s.side === 'installer' && s.owner === 'numa')!;
    expect(numaOut.perSec).toBe(400);
    // stacked in the installer's slot, to do_numa_page above do_damon_page
    const [nn, nd] = ribbons;
    expect(nn!.y0).toBeLessThan(nd!.y0);
    expect(nd!.y0 - nn!.y0).toBeCloseTo((nn!.w + nd!.w) / 2);
    expect(nn!.y0 - nn!.w / 2).toBeGreaterThanOrEqual(numaOut.y);
    // misrouted NUMA → DAMON ends in do_damon_page's slot, the lower one
    expect(nd!.y1).toBeGreaterThan(slotH + 14);
    expect([nn!.x0, nn!.x1]).toEqual([106, 214]);
  });

  it('keeps a rare route visible and an idle one at zero width', () => {
    const { ribbons } = layoutFlows(routesOf([1e6, 0.001, 0, 0], [0, 0, 0, 0]), box);
    expect(ribbons[1]!.w).toBe(1.5);
    expect(ribbons[2]!.w).toBe(0);
    const idle = layoutFlows(routesOf([0, 0, 0, 0], [0, 0, 0, 0]), box);
    expect(idle.ribbons.every((r) => r.w === 0 && Number.isFinite(r.y0))).toBe(true);
  });
});

const fault = (over: Partial<FaultLogEntry>): FaultLogEntry => ({
  tUs: 1_234_500,
  process: 0,
  addr: 0x7f00_4000_0000,
  cpu: 1,
  installer: 'numa',
  handler: 'numa',
  outcome: 'migrated',
  livedMs: 12.34,
  misrouted: false,
  ...over,
});

describe('fault rows', () => {
  it('list the newest first, in the kernel’s names, misroutes flagged', () => {
    const log = [
      fault({}),
      fault({
        tUs: 1_300_000,
        handler: 'damon',
        outcome: 'dropped',
        misrouted: true,
        livedMs: 1500,
      }),
    ];
    const rows = faultRows(log);
    expect(rows.map((r) => [r.time, r.addr, r.installer, r.handler, r.outcome, r.lived])).toEqual([
      ['1.300 s', '0x7f0040000000', 'NUMA', 'DAMON', 'dropped', '1.5\u00a0s'],
      ['1.234 s', '0x7f0040000000', 'NUMA', 'NUMA', 'migrated', '12.3\u00a0ms'],
    ]);
    expect(rows[0]!.misrouted).toBe(true);
    expect(rows[0]!.title).toContain('change_prot_numa()');
    expect(rows[0]!.title).toContain('handled by do_damon_page(): misrouted');
    expect(rows[1]!.title).toContain('do_numa_page migrated the folio');
    expect(faultRows(log, 1)).toHaveLength(1);
  });

  it('give two identical faults distinct keys', () => {
    const keys = faultRows([fault({}), fault({})]).map((r) => r.key);
    expect(new Set(keys).size).toBe(2);
    expect([formatLived(0.04), formatLived(250), formatLived(NaN)]).toEqual([
      '0.0\u00a0ms',
      '250\u00a0ms',
      '–',
    ]);
  });
});

function report(): NumaReport {
  const cell = (faults: number, meanMs: number, maxMs: number, hist: number[]) => ({
    faults,
    meanMs,
    maxMs,
    histogramLog2Ms: hist,
  });
  return {
    numa_balancing: 0,
    damonRunning: false,
    damonPrimitive: null,
    nodes: [],
    vmstat: {} as NumaReport['vmstat'],
    threads: [
      {
        name: 'worker',
        cpu: 0,
        node: 0,
        numa_scan_period: 1000,
        numa_preferred_nid: 1,
        numa_pages_migrated: 0,
        accessesPerNode: [30, 10],
        localAccesses: 30,
        remoteAccesses: 10,
        stallUs: 2500,
      },
    ],
    faultRouting: {
      policy: 'rfc-v2',
      matrix: { numa: { numa: 5, damon: 3 }, damon: { numa: 1, damon: 0 } },
      misrouted: 4,
      spuriousMigrations: 1,
      extraDamonReports: 2,
      divertedFromMainline: 3,
      sharedNotifications: 0,
      outcomes: {} as NumaReport['faultRouting']['outcomes'],
      lifetimes: {
        numa: { numa: cell(5, 1, 2, [5, 0, 0]), damon: cell(3, 10, 30, [0, 1, 2]) },
        damon: { numa: cell(1, 2, 2, [0, 1, 0]), damon: cell(0, 0, 0, [0, 0, 0]) },
      },
      protnoneNow: { numa: 7, damon: 0 },
      damonReports: { written: 2, perCpu: [2] },
    },
  };
}

describe('panel numbers from a report', () => {
  it('counters say what the kernel and the review call them', () => {
    const c = Object.fromEntries(routingCounters(report()).map((x) => [x.id, x]));
    expect(Object.keys(c)).toEqual([
      'misrouted',
      'spurious',
      'extra-reports',
      'diverted',
      'protnone-numa',
      'protnone-damon',
    ]);
    expect([c.misrouted!.value, c.spurious!.value, c['extra-reports']!.value]).toEqual([4, 1, 2]);
    expect(c.diverted!.warn).toBe(true); // rfc-v2's change of behaviour
    expect(c.spurious!.title).toContain('do_numa_page()');
    expect(c['extra-reports']!.title).toContain('damon_report_access()');
  });

  it('lifetimes are over the misrouted cells only', () => {
    const l = staleLifetimes(report());
    expect(l).toEqual({ faults: 4, meanMs: (3 * 10 + 2) / 4, maxMs: 30, histogram: [0, 2, 2] });
    expect([bucketRange(0, 20), bucketRange(3, 20), bucketRange(19, 20)]).toEqual([
      '[0, 1) ms',
      '[4, 8) ms',
      '≥ 262144 ms',
    ]);
  });

  it('threads: the local share and the stall', () => {
    expect(threadRows(report())).toEqual([
      expect.objectContaining({ localShare: 0.75, local: 30, remote: 10, stallMs: 2.5 }),
    ]);
    expect([cpuList([0, 1, 2, 3, 8]), cpuList([5]), cpuList([])]).toEqual(['0-3,8', '5', 'none']);
  });
});

describe('timeline markers', () => {
  it('name each control write, and lift overlapping labels to another lane', () => {
    expect(markerOf({ atUs: 5, text: 'numa_balancing=0' })).toMatchObject({
      tUs: 5,
      short: 'nb=0',
      kind: 'numa',
    });
    expect(markerOf({ atUs: 5, text: 'damon primitive page_fault' }).title).toContain(
      'MM_CP_DAMON',
    );
    expect(markerOf({ atUs: 5, text: 'fault routing owner' }).short).toBe('owner');
    const placed = placeMarkers(
      [
        { atUs: 0, text: 'numa_balancing=0' },
        { atUs: 10, text: 'damon on' },
        { atUs: 1000, text: 'damon off' },
      ],
      (t) => t / 2,
    );
    expect(placed.map((m) => [m.x, m.lane])).toEqual([
      [0, 0],
      [5, 1],
      [500, 0],
    ]);
  });
});

describe('heatmap jump', () => {
  // two processes' columns: process 0 [0x1000, 0x5000) in 4 columns, process 1 [0x1000, 0x3000)
  const axis: AddressAxis = {
    columns: 6,
    segments: [],
    colRanges: Float64Array.from([
      0x1000, 0x2000, 0, 0x2000, 0x3000, 0, 0x3000, 0x4000, 0, 0x4000, 0x5000, 0, 0x1000, 0x2000, 1,
      0x2000, 0x3000, 1,
    ]),
  };
  it('finds the column of an address in its process', () => {
    expect(columnOf(axis, 0, 0x3800)).toBe(2.5);
    expect(columnOf(axis, 1, 0x1000)).toBe(4);
    expect(columnOf(axis, 1, 0x4000)).toBeNaN();
  });

  it('zooms around the fault and scrubs to its time, or says why not', () => {
    const rows = { intervalUs: 100_000, firstRow: 0, endRow: 200 };
    expect(faultJump(axis, { process: 0, addr: 0x3800, tUs: 10_050_000 }, rows)).toEqual({
      cols: [0, 6],
      rows: [76.5, 124.5],
      scrubUs: 10_050_000,
    });
    expect(faultJump(axis, { process: 0, addr: 0x3800, tUs: 50_000 }, rows)).toMatchObject({
      rows: [0, 48],
    });
    expect(
      faultJump(axis, { process: 0, addr: 0x3800, tUs: 1_000 }, { ...rows, firstRow: 10 }),
    ).toEqual({ reason: expect.stringContaining('older') });
    expect(faultJump(axis, { process: 2, addr: 0x3800, tUs: 0 }, rows)).toHaveProperty('reason');
    expect(faultJump(null, { process: 0, addr: 0, tUs: 0 }, rows)).toHaveProperty('reason');
  });
});

describe('the NUMA shortcut', () => {
  it('n toggles the NUMA panel', () => {
    const key = { key: 'n', ctrlKey: false, metaKey: false, altKey: false, targetTag: 'BODY' };
    expect(commandForKey(key)?.id).toBe('view.numa');
  });
});
