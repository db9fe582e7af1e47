/**
 * Does an alert's area cover the device? (requirement R8)
 *
 * Criteria, each matched against the part of the device location it needs:
 * - administrative region codes (GB/T 2260 6-digit, China EB 12-digit area codes) by hierarchical prefix,
 *   against `DeviceLocation.regionCode`;
 * - CAP polygons (point in polygon, WGS-84 lat/lon) and circles (great-circle distance in km), against
 *   `DeviceLocation.point`;
 * - SCTE 18 location codes (`state.subdivision.county`, 0 = any) and SAME geocodes (`PSSCCC`, the same FIPS
 *   triple), against `DeviceLocation.scte18`.
 *
 * An alert with no areas covers everywhere. An alert is `inside` when any criterion of any area matches,
 * `outside` when at least one criterion could be checked against the device and none matched, and `unknown`
 * when none could be checked (the device does not know that kind of location, or the alert only uses
 * geocodes the SDK cannot interpret). The manager shows `unknown` alerts: for an emergency, a box that cannot
 * tell where it is errs towards showing.
 */

import type { AlertArea, GeoPoint } from '../model.js';
import type { DeviceLocation } from './alert-manager-types.js';

export type AreaMatch = 'inside' | 'outside' | 'unknown';

/** SCTE 18 location code: FIPS state, county subdivision, county; 0 at a level matches any. */
export interface Scte18Location {
  readonly state: number;
  readonly subdivision: number;
  readonly county: number;
}

/** Mean Earth radius (IUGG), km. */
const EARTH_RADIUS_KM = 6371.0088;

/** Digits per level of a China administrative code: province, city, county, township, village. */
const REGION_LEVELS = [2, 2, 2, 3, 3] as const;
/** Code lengths that end on a level boundary (2, 4, 6, 9, 12 digits). */
const REGION_BOUNDARIES: readonly number[] = REGION_LEVELS.reduce<number[]>(
  (ends, width) => [...ends, (ends[ends.length - 1] ?? 0) + width], []);

/**
 * The significant prefix of an administrative region code: trailing all-zero levels mean "the whole region"
 * and are dropped (`110000` → `11`, `110100` → `1101`, `110105000000` → `110105`, `000000` → `` = the whole
 * country). Undefined for what is not a region code (wrong length, not digits).
 */
export function regionPrefix(code: string): string | undefined {
  const digits = code.trim();
  if (!/^\d+$/.test(digits) || !REGION_BOUNDARIES.includes(digits.length)) return undefined;
  let end = digits.length;
  for (let level = REGION_BOUNDARIES.indexOf(end); level >= 0; level--) {
    const start = REGION_BOUNDARIES[level - 1] ?? 0;
    if (!/^0+$/.test(digits.slice(start, end))) break;
    end = start;
  }
  return digits.slice(0, end);
}

/**
 * True when an alert for region `alertCode` covers a device in region `deviceCode`: the alert's region
 * contains the device's (`110000` covers `110105` and `110105001002`). A device known only to a coarser
 * level than the alert is not covered (an alert for `110105` does not cover a device known only as
 * `110000`: it may be elsewhere in the province). Undefined when either is not a region code.
 */
export function regionCovers(alertCode: string, deviceCode: string): boolean | undefined {
  const alert = regionPrefix(alertCode);
  const device = regionPrefix(deviceCode);
  if (alert === undefined || device === undefined) return undefined;
  return device.startsWith(alert);
}

/**
 * Point in a polygon ring given as lat/lon points (closed or not), by ray casting in the lat/lon plane.
 * A point on an edge or vertex is inside. Rings that do not cross the antimeridian only.
 */
export function pointInPolygon(point: GeoPoint, ring: readonly GeoPoint[]): boolean {
  const n = ring.length;
  if (n < 3) return false;
  const x = point.lon;
  const y = point.lat;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (!a || !b) continue;
    if (onSegment(x, y, a.lon, a.lat, b.lon, b.lat)) return true;
    // Edge crosses the horizontal line through the point, to the point's right.
    if ((a.lat > y) !== (b.lat > y)) {
      const crossX = a.lon + ((y - a.lat) * (b.lon - a.lon)) / (b.lat - a.lat);
      if (x < crossX) inside = !inside;
    }
  }
  return inside;
}

/** Tolerance for "on the edge", degrees (about 0.1 mm). */
const EDGE_EPSILON = 1e-9;

function onSegment(x: number, y: number, x1: number, y1: number, x2: number, y2: number): boolean {
  const cross = (x - x1) * (y2 - y1) - (y - y1) * (x2 - x1);
  const length = Math.hypot(x2 - x1, y2 - y1);
  if (Math.abs(cross) > EDGE_EPSILON * Math.max(length, 1)) return false;
  return x >= Math.min(x1, x2) - EDGE_EPSILON && x <= Math.max(x1, x2) + EDGE_EPSILON
    && y >= Math.min(y1, y2) - EDGE_EPSILON && y <= Math.max(y1, y2) + EDGE_EPSILON;
}

/** Great-circle distance between two points, km (haversine). */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** True when the point lies within `radiusKm` of the centre (the boundary included). */
export function pointInCircle(point: GeoPoint, circle: { readonly center: GeoPoint; readonly radiusKm: number }): boolean {
  return distanceKm(point, circle.center) <= circle.radiusKm;
}

/**
 * An SCTE 18 location code from a geocode: name `scte18` (any case, `SCTE-18`, `SCTE 18` too) with value
 * `state.subdivision.county`, or name `SAME` with value `PSSCCC` (subdivision, state, county: the FIPS triple
 * SCTE 18 also uses). Undefined for other geocodes or malformed values.
 */
export function scte18LocationOf(geocode: { readonly name: string; readonly value: string }): Scte18Location | undefined {
  const name = geocode.name.trim().toLowerCase();
  const value = geocode.value.trim();
  let code: Scte18Location | undefined;
  if (/^scte[-_ ]?18$/.test(name)) {
    const m = /^(\d{1,3})\.(\d{1,2})\.(\d{1,4})$/.exec(value);
    if (m) code = { state: Number(m[1]), subdivision: Number(m[2]), county: Number(m[3]) };
  } else if (name === 'same') {
    const m = /^(\d)(\d{2})(\d{3})$/.exec(value);
    if (m) code = { subdivision: Number(m[1]), state: Number(m[2]), county: Number(m[3]) };
  }
  // Field widths in the SCTE 18 location loop: state 8 bits, subdivision 4, county 10.
  if (!code || code.state > 255 || code.subdivision > 15 || code.county > 1023) return undefined;
  return code;
}

/**
 * True when an alert's SCTE 18 location code covers the device's: each level equal or 0 (any) in the alert.
 * A device level of 0 (unknown) matches only an alert wildcard there.
 */
export function scte18Covers(alert: Scte18Location, device: Scte18Location): boolean {
  return (alert.state === 0 || alert.state === device.state)
    && (alert.county === 0 || alert.county === device.county)
    && (alert.subdivision === 0 || alert.subdivision === device.subdivision);
}

function usablePoint(point: GeoPoint | undefined): point is GeoPoint {
  return point !== undefined && Number.isFinite(point.lat) && Number.isFinite(point.lon);
}

/** Whether `areas` cover the device at `location` (see the module comment for `unknown`). */
export function matchAreas(areas: readonly AlertArea[], location: DeviceLocation | undefined): AreaMatch {
  if (areas.length === 0) return 'inside';
  // A device code of all zeros says only "somewhere in the country": no region known.
  const deviceRegion = location?.regionCode === undefined ? undefined : regionPrefix(location.regionCode) || undefined;
  const point = usablePoint(location?.point) ? location.point : undefined;
  const scte18 = location?.scte18;
  let checked = false;
  for (const area of areas) {
    if (deviceRegion !== undefined) {
      for (const code of area.regionCodes) {
        const prefix = regionPrefix(code);
        if (prefix === undefined) continue;
        checked = true;
        if (deviceRegion.startsWith(prefix)) return 'inside';
      }
    }
    if (point) {
      for (const ring of area.polygons) {
        if (ring.length < 3 || !ring.every(usablePoint)) continue;
        checked = true;
        if (pointInPolygon(point, ring)) return 'inside';
      }
      for (const circle of area.circles) {
        if (!usablePoint(circle.center) || !(circle.radiusKm >= 0)) continue;
        checked = true;
        if (pointInCircle(point, circle)) return 'inside';
      }
    }
    if (scte18) {
      for (const geocode of area.geocodes) {
        const code = scte18LocationOf(geocode);
        if (!code) continue;
        checked = true;
        if (scte18Covers(code, scte18)) return 'inside';
      }
    }
  }
  return checked ? 'outside' : 'unknown';
}
