/**
 * "Download damo record": the worker builds the file from the snapshots it kept (damo's
 * `damo record` format, readable by `damo report`), the page saves it through a Blob URL.
 * Nothing goes over the network.
 */
import { useState } from 'react';
import { requestDamoRecord } from '../../../store';
import type { DamoRecordFormat } from '../../../worker/protocol';
import { formatBytes } from '../../format';

const FORMATS: { value: DamoRecordFormat; label: string; file: string; mime: string }[] = [
  {
    value: 'json_compressed',
    label: 'damon.data (zlib)',
    file: 'damon.data',
    mime: 'application/octet-stream',
  },
  { value: 'json', label: 'damon.json', file: 'damon.json', mime: 'application/json' },
];

/** Save bytes as a file through a temporary object URL. */
export function saveBytes(bytes: Uint8Array, fileName: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function DamoDownload() {
  const [format, setFormat] = useState<DamoRecordFormat>('json_compressed');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const spec = FORMATS.find((f) => f.value === format) ?? FORMATS[0]!;
  const download = async () => {
    setBusy(true);
    try {
      const reply = await requestDamoRecord(format);
      saveBytes(reply.bytes, spec.file, spec.mime);
      setNote(`${reply.snapshots} aggregations, ${formatBytes(reply.bytes.length)}`);
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="damo-download">
      <select
        aria-label="damo record format"
        value={format}
        onChange={(e) => setFormat(e.target.value as DamoRecordFormat)}
      >
        {FORMATS.map((f) => (
          <option key={f.value} value={f.value}>
            {f.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={busy}
        onClick={() => void download()}
        title="Every aggregation recorded so far (up to the last 20,000), in damo's record format: `damo report access -i damon.data` reads it"
        data-testid="damo-download"
      >
        Download damo record
      </button>
      {note && <span className="muted small-note">{note}</span>}
    </div>
  );
}
