/**
 * Coalesces redraw requests into at most one draw per animation frame: frames from the worker,
 * zoom changes and resizes all call `request()`, the draw runs once on the next frame.
 */
export interface FrameScheduler {
  request(): void;
  cancel(): void;
}

export interface FrameClock {
  requestAnimationFrame(cb: () => void): number;
  cancelAnimationFrame(id: number): void;
}

export function createFrameScheduler(draw: () => void, clock: FrameClock = window): FrameScheduler {
  let id: number | null = null;
  return {
    request() {
      if (id !== null) return;
      id = clock.requestAnimationFrame(() => {
        id = null;
        draw();
      });
    },
    cancel() {
      if (id !== null) clock.cancelAnimationFrame(id);
      id = null;
    },
  };
}
