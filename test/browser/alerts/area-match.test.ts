import { expect } from '@esm-bundle/chai';
import {
  distanceKm, matchAreas, pointInCircle, pointInPolygon, regionCovers, regionPrefix, scte18Covers, scte18LocationOf,
} from '../../../sdk/alerts/manager/area-match.js';
import type { AlertArea } from '../../../sdk/alerts/model.js';

function area(parts: Partial<AlertArea>): AlertArea {
  return { regionCodes: [], polygons: [], circles: [], geocodes: [], ...parts };
}

const BEIJING = { lat: 39.9042, lon: 116.4074 };
const SHANGHAI = { lat: 31.2304, lon: 121.4737 };
/** A rough box around central Beijing (lat,lon), closed. */
const BEIJING_BOX = [
  { lat: 39.7, lon: 116.2 }, { lat: 39.7, lon: 116.6 }, { lat: 40.1, lon: 116.6 }, { lat: 40.1, lon: 116.2 },
  { lat: 39.7, lon: 116.2 },
];

describe('area match: region codes', () => {
  it('drops trailing all-zero levels (2-2-2-3-3 digits)', () => {
    expect(regionPrefix('110000')).to.equal('11');
    expect(regionPrefix('110100')).to.equal('1101');
    expect(regionPrefix('110105')).to.equal('110105');
    expect(regionPrefix('110105000000')).to.equal('110105');
    expect(regionPrefix('110105001000')).to.equal('110105001');
    expect(regionPrefix('110105001002')).to.equal('110105001002');
    expect(regionPrefix('110000000000')).to.equal('11');
    // A zero level in the middle is kept when a lower level is set.
    expect(regionPrefix('500001')).to.equal('500001');
    expect(regionPrefix('000000')).to.equal('');
  });

  it('refuses what is not a region code', () => {
    for (const code of ['', '11010', '1101050', 'abcdef', '11010500100', '1101050010020', '11 0105']) {
      expect(regionPrefix(code), code).to.equal(undefined);
    }
  });

  it('a region covers everything inside it, 6- and 12-digit alike', () => {
    expect(regionCovers('110000', '110105')).to.equal(true);
    expect(regionCovers('110000', '110105001002')).to.equal(true);
    expect(regionCovers('110100', '110105')).to.equal(true);
    expect(regionCovers('110105', '110105001002')).to.equal(true);
    expect(regionCovers('110105000000', '110105')).to.equal(true);
    expect(regionCovers('110105001000', '110105001002')).to.equal(true);
    expect(regionCovers('000000', '440305')).to.equal(true);
  });

  it('a narrower alert does not cover a device known only to a coarser level, nor a neighbour', () => {
    expect(regionCovers('110105', '110000')).to.equal(false);
    expect(regionCovers('110105001002', '110105')).to.equal(false);
    expect(regionCovers('110105', '110106')).to.equal(false);
    expect(regionCovers('120000', '110105')).to.equal(false);
    expect(regionCovers('110000', '120105')).to.equal(false);
    expect(regionCovers('x', '110105')).to.equal(undefined);
  });
});

describe('area match: polygons and circles', () => {
  it('finds points inside and outside a box, closed or open ring', () => {
    expect(pointInPolygon(BEIJING, BEIJING_BOX)).to.equal(true);
    expect(pointInPolygon(SHANGHAI, BEIJING_BOX)).to.equal(false);
    expect(pointInPolygon(BEIJING, BEIJING_BOX.slice(0, 4))).to.equal(true);
    expect(pointInPolygon({ lat: 39.9, lon: 116.7 }, BEIJING_BOX)).to.equal(false);
  });

  it('counts the edge and the vertices as inside', () => {
    expect(pointInPolygon({ lat: 39.7, lon: 116.4 }, BEIJING_BOX)).to.equal(true);
    expect(pointInPolygon({ lat: 39.9, lon: 116.6 }, BEIJING_BOX)).to.equal(true);
    expect(pointInPolygon({ lat: 40.1, lon: 116.2 }, BEIJING_BOX)).to.equal(true);
  });

  it('handles a concave polygon (lat,lon order, not lon,lat)', () => {
    // A "U": the notch between lon 1 and 2 above lat 1 is outside.
    const u = [
      { lat: 0, lon: 0 }, { lat: 0, lon: 3 }, { lat: 3, lon: 3 }, { lat: 3, lon: 2 }, { lat: 1, lon: 2 },
      { lat: 1, lon: 1 }, { lat: 3, lon: 1 }, { lat: 3, lon: 0 }, { lat: 0, lon: 0 },
    ];
    expect(pointInPolygon({ lat: 2, lon: 1.5 }, u)).to.equal(false);
    expect(pointInPolygon({ lat: 0.5, lon: 1.5 }, u)).to.equal(true);
    expect(pointInPolygon({ lat: 2, lon: 0.5 }, u)).to.equal(true);
    expect(pointInPolygon({ lat: 2, lon: 2.5 }, u)).to.equal(true);
    // A thin sliver: swapped coordinates would put this point outside.
    const sliver = [{ lat: 10, lon: 0 }, { lat: 10, lon: 1 }, { lat: 11, lon: 1 }, { lat: 11, lon: 0 }];
    expect(pointInPolygon({ lat: 10.5, lon: 0.5 }, sliver)).to.equal(true);
    expect(pointInPolygon({ lat: 0.5, lon: 10.5 }, sliver)).to.equal(false);
  });

  it('measures great-circle distances (haversine, km)', () => {
    expect(distanceKm(BEIJING, SHANGHAI)).to.be.closeTo(1067, 5);
    expect(distanceKm(BEIJING, BEIJING)).to.equal(0);
    // One degree of latitude is about 111.2 km.
    expect(distanceKm({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).to.be.closeTo(111.2, 0.1);
  });

  it('a point is in a circle within its radius', () => {
    expect(pointInCircle(SHANGHAI, { center: BEIJING, radiusKm: 1100 })).to.equal(true);
    expect(pointInCircle(SHANGHAI, { center: BEIJING, radiusKm: 1000 })).to.equal(false);
    expect(pointInCircle(BEIJING, { center: BEIJING, radiusKm: 0 })).to.equal(true);
  });
});

describe('area match: SCTE 18 and SAME location codes', () => {
  it('reads scte18 state.subdivision.county and SAME PSSCCC geocodes', () => {
    expect(scte18LocationOf({ name: 'scte18', value: '6.0.37' })).to.deep.equal({ state: 6, subdivision: 0, county: 37 });
    expect(scte18LocationOf({ name: 'SCTE-18', value: '6.2.37' })).to.deep.equal({ state: 6, subdivision: 2, county: 37 });
    expect(scte18LocationOf({ name: 'SAME', value: '106037' })).to.deep.equal({ state: 6, subdivision: 1, county: 37 });
    expect(scte18LocationOf({ name: 'SAME', value: '06037' })).to.equal(undefined);
    expect(scte18LocationOf({ name: 'scte18', value: '6.16.37' })).to.equal(undefined);
    expect(scte18LocationOf({ name: 'EMMA_ID', value: 'AT001' })).to.equal(undefined);
  });

  it('0 in the alert is a wildcard at its level; 0 on the device matches only a wildcard', () => {
    const device = { state: 6, subdivision: 2, county: 37 };
    expect(scte18Covers({ state: 6, subdivision: 2, county: 37 }, device)).to.equal(true);
    expect(scte18Covers({ state: 6, subdivision: 0, county: 37 }, device)).to.equal(true);
    expect(scte18Covers({ state: 6, subdivision: 0, county: 0 }, device)).to.equal(true);
    expect(scte18Covers({ state: 0, subdivision: 0, county: 0 }, device)).to.equal(true);
    expect(scte18Covers({ state: 6, subdivision: 3, county: 37 }, device)).to.equal(false);
    expect(scte18Covers({ state: 6, subdivision: 0, county: 38 }, device)).to.equal(false);
    expect(scte18Covers({ state: 7, subdivision: 0, county: 0 }, device)).to.equal(false);
    expect(scte18Covers({ state: 6, subdivision: 2, county: 37 }, { state: 6, subdivision: 0, county: 37 })).to.equal(false);
  });
});

describe('area match: matchAreas', () => {
  it('no areas = everywhere, even with no location', () => {
    expect(matchAreas([], undefined)).to.equal('inside');
    expect(matchAreas([], { regionCode: '110105' })).to.equal('inside');
  });

  it('inside when any criterion of any area matches', () => {
    const areas = [area({ regionCodes: ['310000'] }), area({ regionCodes: ['120000', '110000'] })];
    expect(matchAreas(areas, { regionCode: '110105001002' })).to.equal('inside');
    expect(matchAreas([area({ polygons: [BEIJING_BOX] })], { point: BEIJING })).to.equal('inside');
    expect(matchAreas([area({ circles: [{ center: SHANGHAI, radiusKm: 50 }] })], { point: SHANGHAI })).to.equal('inside');
    expect(matchAreas([area({ geocodes: [{ name: 'SAME', value: '006037' }] })],
      { scte18: { state: 6, subdivision: 4, county: 37 } })).to.equal('inside');
  });

  it('outside when the device knows the kind of location the alert uses and nothing matches', () => {
    expect(matchAreas([area({ regionCodes: ['310000'] })], { regionCode: '110105' })).to.equal('outside');
    expect(matchAreas([area({ regionCodes: ['110105'] })], { regionCode: '110000' })).to.equal('outside');
    expect(matchAreas([area({ polygons: [BEIJING_BOX] })], { point: SHANGHAI })).to.equal('outside');
    expect(matchAreas([area({ circles: [{ center: BEIJING, radiusKm: 10 }] })], { point: SHANGHAI })).to.equal('outside');
    expect(matchAreas([area({ geocodes: [{ name: 'scte18', value: '7.0.0' }] })],
      { scte18: { state: 6, subdivision: 0, county: 37 } })).to.equal('outside');
  });

  it('unknown (shown by the manager) when the device knows none of the kinds the alert uses', () => {
    expect(matchAreas([area({ polygons: [BEIJING_BOX] })], { regionCode: '310000' })).to.equal('unknown');
    expect(matchAreas([area({ regionCodes: ['110000'] })], { point: SHANGHAI })).to.equal('unknown');
    expect(matchAreas([area({ regionCodes: ['110000'] })], undefined)).to.equal('unknown');
    expect(matchAreas([area({ description: '华北' })], { regionCode: '110105', point: BEIJING })).to.equal('unknown');
    expect(matchAreas([area({ geocodes: [{ name: 'EMMA_ID', value: 'AT001' }] })], { point: BEIJING })).to.equal('unknown');
    // A device code of all zeros knows no region; a malformed alert code cannot be checked.
    expect(matchAreas([area({ regionCodes: ['110000'] })], { regionCode: '000000' })).to.equal('unknown');
    expect(matchAreas([area({ regionCodes: ['11'] })], { regionCode: '110105' })).to.equal('inside');
    expect(matchAreas([area({ regionCodes: ['1101x5'] })], { regionCode: '110105' })).to.equal('unknown');
  });

  it('one checkable mismatch makes a mixed alert outside; one match makes it inside', () => {
    const mixed = [area({ regionCodes: ['310000'], polygons: [BEIJING_BOX] })];
    expect(matchAreas(mixed, { regionCode: '110105' })).to.equal('outside');
    expect(matchAreas(mixed, { regionCode: '110105', point: BEIJING })).to.equal('inside');
    expect(matchAreas(mixed, { regionCode: '310101' })).to.equal('inside');
  });

  it('skips unusable geometry rather than guessing', () => {
    const broken = [area({ polygons: [[{ lat: 1, lon: 1 }, { lat: 2, lon: 2 }]], circles: [{ center: { lat: Number.NaN, lon: 0 }, radiusKm: 5 }] })];
    expect(matchAreas(broken, { point: BEIJING })).to.equal('unknown');
    expect(matchAreas([area({ polygons: [BEIJING_BOX] })], { point: { lat: Number.NaN, lon: 1 } })).to.equal('unknown');
  });
});
