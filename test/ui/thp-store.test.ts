/**
 * The THP view's store side with a real engine behind the in-process port: opening the panel
 * turns the census on and fills the census holder and the summary, picking a folio fetches its
 * history, closing the panel forgets the census and stops it, and a load forgets the pick.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HPAGE_PMD_ORDER } from '../../src/engine/config';
import { CENSUS_BUCKETS } from '../../src/engine/thp/census';
import { MTHP_MIN_ORDER as ENGINE_MTHP_MIN_ORDER } from '../../src/engine/thp/thp-stats';
import { getPreset, toSimConfig } from '../../src/scenario';
import {
  connectSimClient,
  FRACTION_BUCKETS,
  MTHP_MIN_ORDER,
  PMD_ORDER,
  loadSimConfig,
  runUntil,
  selectFolio,
  setThpOpen,
  summarizeCensus,
  thpCensus,
  useAppStore,
} from '../../src/store';
import { SimClient } from '../../src/worker/client';
import { createInProcessPort } from '../../src/worker/in-process-port';

let client: SimClient;
let disconnect: () => void;
const sent: string[] = [];
beforeAll(() => {
  client = new SimClient(createInProcessPort());
  const setCensus = client.setCensus.bind(client);
  client.setCensus = (on) => {
    sent.push(on ? 'on' : 'off');
    setCensus(on);
  };
  disconnect = connectSimClient(client);
});
afterAll(() => {
  disconnect();
  client.dispose();
});

const settle = () => new Promise((r) => setTimeout(r, 20));
const state = () => useAppStore.getState();

describe('THP view store', () => {
  it('reads the census with the engine’s layout (the store may not import its constants)', () => {
    expect([PMD_ORDER, MTHP_MIN_ORDER, FRACTION_BUCKETS]).toEqual([
      HPAGE_PMD_ORDER,
      ENGINE_MTHP_MIN_ORDER,
      CENSUS_BUCKETS,
    ]);
  });

  it('takes no census while the panel is closed', async () => {
    await loadSimConfig(toSimConfig(getPreset('thpsparse')), false);
    await runUntil(200_000);
    await settle();
    expect(sent).toEqual([]);
    expect(thpCensus.latest).toBeNull();
    expect(state().thpSummary).toBeNull();
  });

  it('fills the census and its summary once open, and fetches a picked folio’s history', async () => {
    setThpOpen(true);
    expect(sent).toEqual(['on']);
    await runUntil(400_000);
    await settle();
    const c = thpCensus.latest!;
    expect(c.t1Us).toBe(400_000);
    const s = state().thpSummary!;
    expect(s).toEqual(summarizeCensus(c));
    expect([s.total, s.thpHist[0], s.nrAnon[9]]).toEqual([128, 128, 128]);
    // 512 - 16 sub-pages cold in each of 128 THPs; DAMON reads them all accessed
    expect(s.coldBytes).toBe(128 * 496 * 4096);
    expect(s.hiddenColdBytes).toBe(s.coldBytes);
    expect(s.readHotSparse).toBe(128);

    await selectFolio({ process: c.process[3]!, addr: c.addr[3]!, order: 9 });
    const h = state().thpHistory;
    expect(h?.status).toBe('loaded');
    expect(h?.status === 'loaded' && h.events.map((e) => [e.kind, e.addr])).toEqual([
      ['fault', c.addr[3]],
    ]);
  });

  it('forgets the pick on a new load, and the census when closed', async () => {
    await loadSimConfig(toSimConfig(getPreset('thpsparse')), false);
    await settle();
    expect([state().thpSelected, state().thpHistory, thpCensus.latest]).toEqual([null, null, null]);
    setThpOpen(false);
    expect(sent).toEqual(['on', 'off']);
    await runUntil(200_000);
    await settle();
    expect(thpCensus.latest).toBeNull();
    expect(state().thpSummary).toBeNull();
  });
});
