/**
 * Seed 002's T1 and T2, as markers in the TLB panel: a box with the evidence while one is
 * happening, otherwise one quiet line saying which condition does not hold.
 */
import { formatBytes, formatCount, formatPercent, formatSeconds } from '../../format';
import type { BlindSpots, T1Check, T2Check } from './blind-spots';
import { BLIND_RATIO, BLIND_SHARE, HOT_SHARE, SPARSE_SHARE, WARM_SHARE } from './blind-spots';

/** A count of entries or pages, whole: `1536`. */
const whole = (n: number): string => String(Math.round(n));

/** nr_accesses as "N of max", with a decimal below 10 when it is not whole. */
export function nrOf(nr: number, max: number): string {
  if (!Number.isFinite(nr)) return `– of ${max}`;
  const v = nr >= 10 || Number.isInteger(nr) ? Math.round(nr) : Number(nr.toFixed(1));
  return `${v} of ${max}`;
}

const T1_TITLE =
  'T1, the TLB-reach blind spot (seed 002). damon_va_mkold() → damon_ptep_mkold() clears the ' +
  'Accessed bit with ptep_test_and_clear_young() (pmdp_test_and_clear_young() for a THP), ' +
  'which does not flush the TLB. While the translation stays in the STLB no access walks the ' +
  'page table, the walker never sets the bit again, and damon_va_young() finds it clear: ' +
  'nr_accesses stays ~0 on hot memory, and no DAMOS scheme that wants hot memory applies.\n' +
  `Shown when DAMON reads ≤ ${BLIND_SHARE * 100} % of nr_accesses' ceiling, and ≤ ` +
  `${BLIND_RATIO * 100} % of the truth, over memory the truth (read at DAMON's granularity) ` +
  `puts at ≥ ${WARM_SHARE * 100} %; and the TLB holds its translations: fewer walks per ` +
  'sample_interval than a tenth of them, or they fit the STLB and its valid entries cover them.';

const T2_TITLE =
  'T2, PMD-granularity inflation (seed 002). A PMD-mapped THP has one Accessed bit for its 512 ' +
  'sub-pages (damon_pmdp_mkold() → pmdp_test_and_clear_young()): one access to any sub-page ' +
  'sets it, and DAMON counts the whole 2 MiB accessed. Cold memory hides inside "hot" THPs ' +
  '(Kunpeng 920 running Oracle: 94.6 % of THPs had < 10 % of sub-pages accessed).\n' +
  `Shown when: regions over THP-mapped memory read ≥ ${HOT_SHARE * 100} % of nr_accesses' ` +
  `ceiling while < ${SPARSE_SHARE * 100} % of its pages were touched in the aggregation.`;

export function BlindSpotMarkers({
  spots,
  damonOn,
}: {
  spots: BlindSpots | null;
  damonOn: boolean;
}) {
  if (!spots) {
    return (
      <p
        className="blind-none"
        data-testid="blind-spot-checks"
        data-state={damonOn ? 'waiting' : 'off'}
        title={`${T1_TITLE}\n\n${T2_TITLE}`}
      >
        {damonOn
          ? 'T1 / T2: waiting for a DAMON aggregation beside the truth'
          : 'T1 / T2: DAMON is off, so there is no reading to compare with the truth'}
      </p>
    );
  }
  const when = `aggregation ${spots.row}, ${formatSeconds(spots.t0Us)} – ${formatSeconds(spots.t1Us)}`;
  return (
    <div className="blind-spots" data-testid="blind-spot-checks" data-state="checked">
      {spots.t1.active ? (
        <T1Marker t1={spots.t1} wss={spots.damonWssBytes} when={when} />
      ) : (
        <p className="blind-none" title={T1_TITLE} data-testid="t1-status">
          <span className="blind-tag">T1</span> not now: {t1Reason(spots.t1)}
        </p>
      )}
      {spots.t2.active ? (
        <T2Marker t2={spots.t2} when={when} />
      ) : (
        <p className="blind-none" title={T2_TITLE} data-testid="t2-status">
          <span className="blind-tag">T2</span> not now: {t2Reason(spots.t2)}
        </p>
      )}
    </div>
  );
}

function T1Marker({ t1, wss, when }: { t1: T1Check; wss: number; when: string }) {
  const max = t1.maxNrAccesses;
  const translations =
    t1.hotThps > 0 && t1.hot4kPages > 0
      ? `${whole(t1.hot4kPages)} × 4K + ${whole(t1.hotThps)} × 2M`
      : t1.hotThps > 0
        ? `${whole(t1.hotThps)} × 2M`
        : `${whole(t1.hot4kPages)} × 4K`;
  return (
    <div className="blind-marker" role="status" title={T1_TITLE} data-testid="t1-marker">
      <p className="blind-head">
        <span className="blind-tag">T1</span> TLB-reach blind spot — DAMON reads{' '}
        <b data-testid="t1-damon-nr">{nrOf(t1.damonNr, max)}</b> where the truth is hot;{' '}
        <code>ptep_test_and_clear_young()</code> does not flush the TLB
      </p>
      <dl className="blind-evidence">
        <dt>truth</dt>
        <dd>
          {formatBytes(t1.hotBytes)} accessed, {nrOf(t1.truthNr, max)} at DAMON's granularity
        </dd>
        <dt>TLB</dt>
        {t1.exactPageSizes ? (
          <dd>
            {translations} translations, {whole(t1.stlbEntries)} STLB entries
          </dd>
        ) : (
          <dd title="The VMAs holding the hot memory are partly THP-mapped (AnonHugePages), and the truth rows do not say which pages: the walks show the TLB holds them">
            hot memory in partly THP-mapped VMAs; {whole(t1.stlbEntries)} STLB entries
          </dd>
        )}
        <dt>walks</dt>
        <dd>
          {formatCount(Math.round(t1.walksPerSec))}/s
          {t1.quietWalks ? '' : ' elsewhere; the STLB holds the hot translations'}
        </dd>
        <dt>DAMON</dt>
        <dd>working set {formatBytes(wss)}</dd>
      </dl>
      <p className="blind-when">{when}</p>
    </div>
  );
}

function T2Marker({ t2, when }: { t2: T2Check; when: string }) {
  const pct = formatPercent(t2.touchedShare, t2.touchedShare < 0.01 ? 1 : 0);
  return (
    <div className="blind-marker" role="status" title={T2_TITLE} data-testid="t2-marker">
      <p className="blind-head">
        <span className="blind-tag">T2</span> DAMON reads THPs hot with{' '}
        <b data-testid="t2-touched">{pct}</b> of sub-pages touched: one PMD Accessed bit per 2 MiB
      </p>
      <dl className="blind-evidence">
        <dt>read hot</dt>
        <dd>
          {formatBytes(t2.readHotThpBytes)} THP-mapped, at {nrOf(t2.damonNr, t2.maxNrAccesses)}
        </dd>
        <dt>cold</dt>
        <dd>{formatBytes(t2.hiddenColdBytes)} of it untouched in the window</dd>
        {t2.census && (
          <>
            <dt>census</dt>
            <dd title="From the THP sub-pages panel: per-THP bitmaps of the same interval">
              {whole(t2.census.readHotSparse)} of {whole(t2.census.listed)} THPs read accessed with
              &lt; 10 % touched; {formatBytes(t2.census.hiddenColdBytes)} cold inside
            </dd>
          </>
        )}
      </dl>
      <p className="blind-when">{when}</p>
    </div>
  );
}

function t1Reason(t1: T1Check): string {
  const max = t1.maxNrAccesses;
  switch (t1.reason) {
    case 'no-hot':
      return 'nothing DAMON monitors is hot in the truth';
    case 'damon-reads-hot':
      return `DAMON reads ${nrOf(t1.damonNr, max)} where the truth is hot`;
    case 'does-not-fit':
      return `the hot memory needs ${whole(t1.hot4kPages + t1.hotThps)} translations, the STLB has ${whole(t1.stlbEntries)}`;
    case 'walks':
      return `${formatCount(Math.round(t1.walksPerSec))} page walks/s set the Accessed bits again`;
    default:
      return '';
  }
}

function t2Reason(t2: T2Check): string {
  switch (t2.reason) {
    case 'no-thp':
      return 'nothing is THP-mapped';
    case 'no-thp-read-hot':
      return 'DAMON reads no THP-mapped memory hot';
    case 'dense':
      return `THPs DAMON reads hot have ${formatPercent(t2.touchedShare, 0)} of sub-pages touched`;
    default:
      return '';
  }
}
