// Point -> grid in O(candidates): a uniform bucket index over the grids' bounding boxes, so a
// lookup tests only the few polygons whose box covers the point's bucket (2,000 alerts/s and a
// city's worth of grids must not mean a scan of every polygon).
import type { BBox, Grid } from './district.types.ts';
import { bboxContains, pointInRings, unionBBox } from './geometry.util.ts';

const MAX_BUCKETS_PER_AXIS = 512;

export class GridLocator {
  private readonly extent: BBox;
  private readonly cols: number;
  private readonly rows: number;
  private readonly cellLng: number;
  private readonly cellLat: number;
  private readonly buckets: (Grid[] | undefined)[];

  constructor(grids: readonly Grid[]) {
    this.extent = grids.length > 0 ? unionBBox(grids.map((g) => g.bbox)) : { minLng: 0, minLat: 0, maxLng: 0, maxLat: 0 };
    // Bucket about the size of an average grid: a point then has one to four candidates.
    const avgLng = grids.reduce((s, g) => s + (g.bbox.maxLng - g.bbox.minLng), 0) / Math.max(1, grids.length);
    const avgLat = grids.reduce((s, g) => s + (g.bbox.maxLat - g.bbox.minLat), 0) / Math.max(1, grids.length);
    const spanLng = this.extent.maxLng - this.extent.minLng;
    const spanLat = this.extent.maxLat - this.extent.minLat;
    this.cols = Math.max(1, Math.min(MAX_BUCKETS_PER_AXIS, Math.ceil(spanLng / (avgLng || 1))));
    this.rows = Math.max(1, Math.min(MAX_BUCKETS_PER_AXIS, Math.ceil(spanLat / (avgLat || 1))));
    this.cellLng = spanLng / this.cols || 1;
    this.cellLat = spanLat / this.rows || 1;
    this.buckets = new Array(this.cols * this.rows);
    for (const grid of grids) {
      const [c0, r0] = this.cell(grid.bbox.minLng, grid.bbox.minLat);
      const [c1, r1] = this.cell(grid.bbox.maxLng, grid.bbox.maxLat);
      for (let r = r0; r <= r1; r++) {
        for (let c = c0; c <= c1; c++) (this.buckets[r * this.cols + c] ??= []).push(grid);
      }
    }
  }

  private cell(lng: number, lat: number): [number, number] {
    const c = Math.min(this.cols - 1, Math.max(0, Math.floor((lng - this.extent.minLng) / this.cellLng)));
    const r = Math.min(this.rows - 1, Math.max(0, Math.floor((lat - this.extent.minLat) / this.cellLat)));
    return [c, r];
  }

  /** The grid containing the point, or undefined outside the district. */
  find(lat: number, lng: number): Grid | undefined {
    if (!Number.isFinite(lat) || !Number.isFinite(lng) || !bboxContains(this.extent, lng, lat)) return undefined;
    const [c, r] = this.cell(lng, lat);
    const candidates = this.buckets[r * this.cols + c];
    if (!candidates) return undefined;
    for (const grid of candidates) {
      if (bboxContains(grid.bbox, lng, lat) && pointInRings(lng, lat, grid.polygon.coordinates)) return grid;
    }
    return undefined;
  }
}
