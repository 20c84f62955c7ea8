/**
 * An RGBA image kept on an offscreen canvas so it can be stretched onto a panel with one
 * drawImage. Heat cells are coloured at one pixel per cell and scaled up by the blit, which is
 * far cheaper than a fillRect per cell; the buffer and the canvas are reused between draws.
 */
export class CellImage {
  private readonly canvas = document.createElement('canvas');
  private rgba = new Uint8ClampedArray(new ArrayBuffer(0));
  private width = 0;
  private height = 0;

  /**
   * The pixels to fill for an image of `width` × `height`, 4 bytes each, row-major. The buffer
   * is reused: it still holds the last draw's pixels when the size is unchanged.
   */
  pixels(width: number, height: number): Uint8ClampedArray<ArrayBuffer> {
    const n = width * height * 4;
    if (this.rgba.length !== n) this.rgba = new Uint8ClampedArray(new ArrayBuffer(n));
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    this.width = width;
    this.height = height;
    return this.rgba;
  }

  /** Moves the pixels filled since pixels() onto the offscreen canvas. */
  commit(): void {
    const image = new ImageData(this.rgba, this.width, this.height);
    this.canvas.getContext('2d')?.putImageData(image, 0, 0);
  }

  /**
   * Draws the source rectangle (image pixels) into the destination one (cssPx), as
   * ctx.drawImage does, without smoothing so that a cell stays a sharp block when stretched.
   */
  blit(
    ctx: CanvasRenderingContext2D,
    sx: number,
    sy: number,
    sw: number,
    sh: number,
    dx: number,
    dy: number,
    dw: number,
    dh: number,
  ): void {
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.canvas, sx, sy, sw, sh, dx, dy, dw, dh);
  }
}
