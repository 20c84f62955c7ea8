/**
 * The keyboard on the focused sub-page grid: the arrows move the cursor a tile (← →) or a row
 * of tiles (↑ ↓), Page Up / Page Down a screenful of rows, Home / End to the first and last
 * folio; Enter or Space opens the cursor's history, Escape closes it.
 */
export type TileKeyAction = { kind: 'move'; to: number } | { kind: 'open' } | { kind: 'close' };

/** What `key` does with the cursor at `cursor` (-1: none yet) among `count` tiles. */
export function tileKeyAction(
  key: string,
  cursor: number,
  count: number,
  perRow: number,
  pageRows: number,
): TileKeyAction | null {
  if (count <= 0) return null;
  const at = cursor < 0 || cursor >= count ? -1 : cursor;
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  const move = (d: number) => ({ kind: 'move' as const, to: at < 0 ? 0 : clamp(at + d) });
  switch (key) {
    case 'ArrowLeft':
      return move(-1);
    case 'ArrowRight':
      return move(1);
    case 'ArrowUp':
      return move(-perRow);
    case 'ArrowDown':
      return move(perRow);
    case 'PageUp':
      return move(-perRow * Math.max(1, pageRows));
    case 'PageDown':
      return move(perRow * Math.max(1, pageRows));
    case 'Home':
      return { kind: 'move', to: 0 };
    case 'End':
      return { kind: 'move', to: count - 1 };
    case 'Enter':
    case ' ':
      return at < 0 ? { kind: 'move', to: 0 } : { kind: 'open' };
    case 'Escape':
      return { kind: 'close' };
    default:
      return null;
  }
}
