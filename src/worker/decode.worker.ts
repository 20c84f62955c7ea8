/**
 * The link decoder's Web Worker entry: decodes one location.hash (inflate, JSON, schema,
 * migrations) and answers once; the client (decodeHashInWorker) then terminates it. A long
 * link takes this way so that even a hostile one cannot freeze the page: a worker that takes
 * too long is simply terminated.
 */
import { decodeHash } from '../scenario/codec';
import type { DecodeReply, DecodeRequest } from './protocol';

interface WorkerScope {
  postMessage(msg: DecodeReply): void;
  onmessage: ((ev: MessageEvent<DecodeRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;
scope.onmessage = (ev) => scope.postMessage({ result: decodeHash(ev.data.hash) });
