/**
 * The lock lab's Web Worker entry: wires the worker's port to a LabHost (lab-host.ts). The
 * client starts one for the stepper and a fresh one per explorer run, terminated to cancel it.
 */
import { LabHost } from './lab-host';
import type { FromLab, ToLab } from './lab-protocol';

interface WorkerScope {
  postMessage(msg: FromLab): void;
  onmessage: ((ev: MessageEvent<ToLab>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const host = new LabHost((msg) => scope.postMessage(msg));
scope.onmessage = (ev) => host.handle(ev.data);
