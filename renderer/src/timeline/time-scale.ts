/**
 * The one mapping from trace time to screen position.
 *
 * Every coordinate names its unit: `Micros` for trace time (the run's clock), `CssPx` for
 * positions in CSS pixels measured from the left edge of the time area. Device pixels never
 * appear here: the canvas applies its device pixel ratio once, in its transform, so nothing
 * else has to remember it. A scale is immutable; zoom and pan return a new one, which makes
 * "did the view change?" a reference comparison for the draw scheduler.
 */
import type { Micros } from '../../../shared/trace.ts';

/** A position or length in CSS pixels. */
export type CssPx = number & { readonly __unit?: 'cssPx' };

/** Closest zoom: a tenth of a microsecond per pixel shows single microseconds plainly. */
export const MIN_MICROS_PER_CSS_PX = 0.1;
/** Farthest zoom: an hour across 1,000 pixels. */
export const MAX_MICROS_PER_CSS_PX = 3_600_000;

const clampZoom = (microsPerCssPx: number) =>
  Math.min(MAX_MICROS_PER_CSS_PX, Math.max(MIN_MICROS_PER_CSS_PX, microsPerCssPx));

export class TimeScale {
  private constructor(
    /** Trace time at the left edge of the time area. */
    readonly startMicros: Micros,
    readonly microsPerCssPx: number,
    readonly widthCssPx: CssPx,
  ) {}

  /** A scale that shows [startMicros, endMicros] across widthCssPx. */
  static fit(startMicros: Micros, endMicros: Micros, widthCssPx: CssPx): TimeScale {
    const width = Math.max(1, widthCssPx);
    const span = Math.max(endMicros - startMicros, MIN_MICROS_PER_CSS_PX);
    return new TimeScale(startMicros, clampZoom(span / width), width);
  }

  /** Trace time at the right edge. */
  get endMicros(): Micros {
    return this.startMicros + this.microsPerCssPx * this.widthCssPx;
  }

  get durationMicros(): Micros {
    return this.microsPerCssPx * this.widthCssPx;
  }

  cssPxFromMicros(t: Micros): CssPx {
    return (t - this.startMicros) / this.microsPerCssPx;
  }

  microsFromCssPx(x: CssPx): Micros {
    return this.startMicros + x * this.microsPerCssPx;
  }

  /** Zoom by `factor` (above 1 zooms in) keeping the time under `anchorCssPx` where it is. */
  zoomAt(anchorCssPx: CssPx, factor: number): TimeScale {
    const anchor = this.microsFromCssPx(anchorCssPx);
    const microsPerCssPx = clampZoom(this.microsPerCssPx / factor);
    return new TimeScale(anchor - anchorCssPx * microsPerCssPx, microsPerCssPx, this.widthCssPx);
  }

  /** Move the view right by dxCssPx (content moves left), i.e. later in time. */
  panByCssPx(dxCssPx: CssPx): TimeScale {
    return new TimeScale(this.startMicros + dxCssPx * this.microsPerCssPx, this.microsPerCssPx, this.widthCssPx);
  }

  /** Same zoom, with the right edge at `t`. */
  withRightEdgeAt(t: Micros): TimeScale {
    return new TimeScale(t - this.durationMicros, this.microsPerCssPx, this.widthCssPx);
  }

  /** Same start and zoom, a new width (the canvas was resized). */
  withWidth(widthCssPx: CssPx): TimeScale {
    return new TimeScale(this.startMicros, this.microsPerCssPx, Math.max(1, widthCssPx));
  }

  equals(other: TimeScale): boolean {
    return (
      this.startMicros === other.startMicros &&
      this.microsPerCssPx === other.microsPerCssPx &&
      this.widthCssPx === other.widthCssPx
    );
  }
}
