import { expect } from '@esm-bundle/chai';
import { ErrorCode, YiwangError, formatLineupWarning, parseLineupJson, type LineupWarning } from '../../../sdk/index.js';
import { TEST_LINEUP } from './support/lineup-fixture.js';

const BASE = 'http://headend.test/api/lineup';

function lineupWith(...channels: unknown[]): unknown {
  return { version: 1, channels };
}

function caught(run: () => unknown): YiwangError {
  try {
    run();
  } catch (error) {
    if (error instanceof YiwangError) return error;
    throw error;
  }
  throw new Error('expected a YiwangError');
}

function lines(warnings: readonly LineupWarning[]): string[] {
  return warnings.map(formatLineupWarning);
}

describe('parseLineupJson', () => {
  it('reads every field of a valid lineup, defaults ids from triplets and resolves URLs against the base', () => {
    const parsed = parseLineupJson(TEST_LINEUP, { baseUrl: BASE });
    expect(parsed.name).to.equal('Test cable');
    expect(parsed.warnings).to.deep.equal([]);
    expect(parsed.skipped).to.equal(0);
    expect(parsed.channels.map((c) => c.id)).to.deep.equal(['8448.1.101', '8448.1.102', 'data-1', 'movie', 'radio-1', 'sports', 'kids']);
    const [cctv1, cctv2, data, movie, radio, sports, kids] = parsed.channels;
    expect(cctv1).to.deep.equal({
      id: '8448.1.101', triplet: { onid: 8448, tsid: 1, sid: 101 }, number: 1, name: 'CCTV-1', kind: 'tv', scrambled: false,
      origin: 'lineup', logo: 'http://headend.test/api/logos/cctv1.png', source: { type: 'testcard', pattern: '#246' },
    });
    expect(cctv2?.triplet).to.deep.equal({ onid: 8448, tsid: 1, sid: 102 });
    expect(cctv2?.epgId).to.equal('cctv2');
    expect(data?.hidden).to.equal(true);
    expect(movie?.scrambled, 'ca implies scrambled').to.equal(true);
    expect(movie?.ca).to.deep.equal({ systemIds: [0x4a02], productIds: [10] });
    expect(radio?.kind).to.equal('radio');
    expect(sports?.ca).to.deep.equal({ systemIds: [0x4a02], ecmPid: 0x1f0, productIds: [20] });
    expect(kids?.source).to.deep.equal({ type: 'url', url: 'http://headend.test/api/hls/kids.m3u8', mimeType: 'application/vnd.apple.mpegurl' });
  });

  it('accepts the document as JSON text and keeps relative URLs without a base', () => {
    const parsed = parseLineupJson(JSON.stringify(lineupWith({ id: 'a', number: 7, name: 'A', logo: 'a.png' })));
    expect(parsed.channels[0]?.logo).to.equal('a.png');
  });

  it('reads DRM settings and resolves the licence URL', () => {
    const parsed = parseLineupJson(lineupWith({
      id: 'drm', number: 40, name: 'Encrypted VOD',
      source: { type: 'url', url: '/media/clip.webm', drm: { keySystem: 'org.w3.clearkey', licenseUrl: 'licence', clearKeys: { 'a2V5LWlk': 'c2VjcmV0LWtleQ' } } },
    }), { baseUrl: BASE });
    expect(parsed.channels[0]?.source).to.deep.equal({
      type: 'url', url: 'http://headend.test/media/clip.webm',
      drm: { keySystem: 'org.w3.clearkey', licenseUrl: 'http://headend.test/api/licence', clearKeys: { 'a2V5LWlk': 'c2VjcmV0LWtleQ' } },
    });
  });

  it('skips a malformed item with one warning per problem, naming the path', () => {
    const parsed = parseLineupJson(lineupWith(
      { id: 'ok', number: 1, name: 'Fine' },
      'not an object',
      { id: 'x', number: 'x', name: 'Bad number' },
      { id: 'y', number: 10000, name: '' },
      { number: 4, name: 'No id' },
      { id: 'z', number: 5.5, name: 'Fraction', kind: 'tv3d' },
    ));
    expect(parsed.channels.map((c) => c.id)).to.deep.equal(['ok']);
    expect(parsed.skipped).to.equal(5);
    expect(lines(parsed.warnings)).to.deep.equal([
      'channels[1]: expected a channel object, got "not an object"',
      'channels[2].number: expected an integer 1–9999, got "x"',
      'channels[3].number: expected an integer 1–9999, got 10000',
      'channels[3].name: expected a non-empty string, got ""',
      'channels[4].id: expected an id or a DVB triplet (onid, tsid, sid), got neither',
      'channels[5].number: expected an integer 1–9999, got 5.5',
      'channels[5].kind: expected "tv" or "radio", got "tv3d"',
    ]);
  });

  it('names bad triplets, CA, source and flag fields', () => {
    const parsed = parseLineupJson(lineupWith(
      { triplet: { onid: 1, tsid: -1, sid: 3 }, number: 1, name: 'A' },
      { onid: 1, tsid: 2, number: 2, name: 'B' },
      { id: 'c', number: 3, name: 'C', ca: { systemIds: ['0xZZ', 70000], ecmPid: 9000, productIds: 'all' } },
      { id: 'd', number: 4, name: 'D', ca: { systemIds: [] } },
      { id: 'e', number: 5, name: 'E', source: { type: 'dvb' } },
      { id: 'f', number: 6, name: 'F', source: { type: 'url' } },
      { id: 'g', number: 7, name: 'G', source: { type: 'url', url: 'x', drm: { keySystem: '' } } },
      { id: 'h', number: 8, name: 'H', hidden: 'yes', scrambled: 1, epgId: 3 },
      { id: 'i', number: 9, name: 'I', logo: 'http://[bad' },
      { id: 'j', number: 10, name: 'J', source: { type: 'url', url: 'x', drm: { keySystem: 'org.w3.clearkey', clearKeys: { kid: 42 } } } },
    ), { baseUrl: BASE });
    expect(parsed.channels).to.deep.equal([]);
    expect(parsed.skipped).to.equal(10);
    expect(lines(parsed.warnings)).to.deep.equal([
      'channels[0].triplet.tsid: expected an integer 0–65535, got -1',
      'channels[1].sid: expected an integer 0–65535, got nothing',
      'channels[2].ca.systemIds[0]: expected a CA system id 0–0xFFFF (integer or "0x4A02"), got "0xZZ"',
      'channels[2].ca.systemIds[1]: expected a CA system id 0–0xFFFF (integer or "0x4A02"), got 70000',
      'channels[2].ca.ecmPid: expected an integer 0–8191, got 9000',
      'channels[2].ca.productIds: expected an array of product ids, got "all"',
      'channels[3].ca.systemIds: expected a non-empty array of CA system ids, got an array',
      'channels[4].source.type: expected "testcard" or "url", got "dvb"',
      'channels[5].source.url: expected a URL, got nothing',
      'channels[6].source.drm.keySystem: expected a key system name, got ""',
      'channels[7].scrambled: expected true or false, got 1',
      'channels[7].hidden: expected true or false, got "yes"',
      'channels[7].epgId: expected a non-empty string, got 3',
      'channels[8].logo: expected a URL, got "http://[bad"',
      'channels[9].source.drm.clearKeys.kid: expected a base64url key id mapped to a base64url key, got 42',
    ]);
  });

  it('skips later items repeating a number or an id, naming the first user', () => {
    const parsed = parseLineupJson(lineupWith(
      { id: 'a', number: 1, name: 'A' },
      { id: 'b', number: 1, name: 'B' },
      { id: 'a', number: 2, name: 'A again' },
      { onid: 1, tsid: 2, sid: 3, number: 3, name: 'Triplet' },
      { id: '1.2.3', number: 4, name: 'Same id as the triplet' },
    ));
    expect(parsed.channels.map((c) => c.id)).to.deep.equal(['a', '1.2.3']);
    expect(parsed.skipped).to.equal(3);
    expect(lines(parsed.warnings)).to.deep.equal([
      'channels[1].number: 1 is already used by channels[0]; item skipped',
      'channels[2].id: "a" is already used by channels[0]; item skipped',
      'channels[4].id: "1.2.3" is already used by channels[3]; item skipped',
    ]);
  });

  it('keeps a scrambled channel without CA information, with a warning; drops CA on a clear one', () => {
    const parsed = parseLineupJson(lineupWith(
      { id: 'pay', number: 1, name: 'Pay', scrambled: true },
      { id: 'free', number: 2, name: 'Free', scrambled: false, ca: { systemIds: [1] } },
    ));
    expect(parsed.skipped).to.equal(0);
    expect(parsed.channels[0]).to.include({ id: 'pay', scrambled: true });
    expect(parsed.channels[0]?.ca).to.equal(undefined);
    expect(parsed.channels[1]).to.include({ id: 'free', scrambled: false });
    expect(parsed.channels[1]?.ca).to.equal(undefined);
    expect(lines(parsed.warnings)).to.deep.equal([
      'channels[0].ca: scrambled channel has no CA information (systemIds); kept without it',
      'channels[1].ca: ignored: the channel is marked "scrambled": false',
    ]);
  });

  it('warns about a lineup name that is not a string and ignores unknown keys', () => {
    const parsed = parseLineupJson({ version: 1, name: 42, extra: true, channels: [{ id: 'a', number: 1, name: 'A', future: 'x' }] });
    expect(parsed.name).to.equal(undefined);
    expect(parsed.channels).to.have.length(1);
    expect(lines(parsed.warnings)).to.deep.equal(['name: expected a string, got 42; ignored']);
  });

  it('refuses a document that is not a lineup with LineupInvalid naming the source and reason', () => {
    const cases: Array<[unknown, string]> = [
      ['{"version": 1, "channels": [', 'not JSON'],
      [[], 'expected a lineup object, got an array'],
      [null, 'expected a lineup object, got null'],
      [{ channels: [] }, 'version: expected 1, got nothing'],
      [{ version: 2, channels: [] }, 'version: expected 1, got 2'],
      [{ version: 1, channels: {} }, 'channels: expected an array, got an object'],
    ];
    for (const [input, reason] of cases) {
      const error = caught(() => parseLineupJson(input, { baseUrl: BASE }));
      expect(error.code).to.equal(ErrorCode.LineupInvalid);
      expect(error.data['source']).to.equal(BASE);
      expect(String(error.data['reason'])).to.contain(reason);
    }
  });
});
