/**
 * The two grounds every heat legend starts with: "none" (nothing there: the hatching) and
 * "0" (there, but idle), in the colours of the page theme the canvases draw for.
 */
import { GROUNDS } from '../../canvas/colour-maps';
import { usePageTheme } from '../../canvas/theme';

export function GroundSwatches({
  noDataTitle,
  zeroTitle,
}: {
  noDataTitle: string;
  /** Omit for a legend without a zero ground (the difference). */
  zeroTitle?: string;
}) {
  const g = GROUNDS[usePageTheme()];
  const hatch = `repeating-linear-gradient(-45deg, ${g.noDataBg} 0 3px, ${g.noDataHatch} 3px 4px)`;
  return (
    <>
      <span className="swatch no-data" title={noDataTitle} style={{ background: hatch }} />
      <span className="swatch-label">none</span>
      {zeroTitle !== undefined && (
        <>
          <span
            className="swatch zero"
            title={zeroTitle}
            style={{ background: `rgb(${g.zero.join(', ')})` }}
          />
          <span className="swatch-label">0</span>
        </>
      )}
    </>
  );
}
