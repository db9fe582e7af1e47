import { expect } from '@esm-bundle/chai';
import { genreOfLabel, genresOfLabels } from '../../../sdk/epg/genres.js';
import { minAgeOfRating } from '../../../sdk/epg/ratings.js';
import { parseXmltvNs, parseXmltvTime } from '../../../sdk/epg/sources/xmltv/xmltv-fields.js';

const utc = (...parts: [number, number, number?, number?, number?, number?]): number => {
  const [y, mo, d = 1, h = 0, mi = 0, s = 0] = parts;
  return Date.UTC(y, mo - 1, d, h, mi, s);
};

describe('XMLTV times', () => {
  it('reads full times with numeric zones', () => {
    expect(parseXmltvTime('20250126190000 +0800')).to.equal(utc(2025, 1, 26, 11));
    expect(parseXmltvTime('20250126190000+0800')).to.equal(utc(2025, 1, 26, 11));
    expect(parseXmltvTime('20200729000000 -0500')).to.equal(utc(2020, 7, 29, 5));
    expect(parseXmltvTime('20250126190000 +05:30')).to.equal(utc(2025, 1, 26, 13, 30));
    expect(parseXmltvTime(' 20250126190000 +08 ')).to.equal(utc(2025, 1, 26, 11));
  });

  it('reads a time with no zone as UTC, and leading substrings of the full form', () => {
    expect(parseXmltvTime('200006031633')).to.equal(utc(2000, 6, 3, 16, 33));
    expect(parseXmltvTime('20250101')).to.equal(utc(2025, 1, 1));
    expect(parseXmltvTime('202501011200')).to.equal(utc(2025, 1, 1, 12));
    expect(parseXmltvTime('2025')).to.equal(utc(2025, 1));
    expect(parseXmltvTime('200209')).to.equal(utc(2002, 9));
    expect(parseXmltvTime('20250101120000.123 +0000')).to.equal(utc(2025, 1, 1, 12));
  });

  it('reads named zones but does not guess ambiguous ones', () => {
    expect(parseXmltvTime('200007281733 BST')).to.equal(utc(2000, 7, 28, 16, 33));
    expect(parseXmltvTime('20250101120000 UTC')).to.equal(utc(2025, 1, 1, 12));
    expect(parseXmltvTime('20250101120000 Z')).to.equal(utc(2025, 1, 1, 12));
    expect(parseXmltvTime('20250101120000 CST')).to.equal(undefined);
  });

  it('rejects what is not an XMLTV time', () => {
    for (const bad of ['', '7/29/2020 11:00:29 AM', '202', '20250', '2025013', '20251301', '20250230', '20250101250000', '20250101120000 +2500', 'tomorrow', '20250101120000 +08x0']) {
      expect(parseXmltvTime(bad), bad).to.equal(undefined);
    }
  });
});

describe('XMLTV xmltv_ns episode numbers', () => {
  it('reads zero-based season.episode.part with totals and gaps', () => {
    expect(parseXmltvNs('1.11.0/1')).to.deep.equal({ season: 1, episode: 11, part: 0 });
    expect(parseXmltvNs('0 . 12/13 . 0/3')).to.deep.equal({ season: 0, episode: 12, part: 0 });
    expect(parseXmltvNs('.25/0.')).to.deep.equal({ episode: 25 });
    expect(parseXmltvNs('5.3/10.')).to.deep.equal({ season: 5, episode: 3 });
    expect(parseXmltvNs('2 . 9 . 0/1')).to.deep.equal({ season: 2, episode: 9, part: 0 });
    expect(parseXmltvNs('0..')).to.deep.equal({ season: 0 });
    expect(parseXmltvNs('/4.2.')).to.deep.equal({ episode: 2 });
  });

  it('rejects other shapes', () => {
    for (const bad of ['..', 'S01E02', '1.2.3.4', 'EP02420905.0022', '1.x.0']) expect(parseXmltvNs(bad), bad).to.equal(undefined);
  });
});

describe('minAgeOfRating', () => {
  it('derives ages from numbers and known schemes', () => {
    const cases: Array<[string, number | undefined]> = [
      ['12', 12], ['14+', 14], ['18', 18], ['FSK 16', 16], ['PG-13', 13], ['TV-14', 14], ['TV14', 14], ['TV-MA', 17],
      ['TV-Y7', 7], ['NC-17', 18], ['R', 17], ['G', 0], ['U', 0], ['12A', 12], ['14A', 14], ['MA15+', 15], ['C8', 8],
      ['PG', undefined], ['TV-PG', undefined], ['', undefined], ['99', undefined], ['Parental guidance', undefined],
    ];
    for (const [value, age] of cases) expect(minAgeOfRating(value), value).to.equal(age);
  });
});

describe('genre labels', () => {
  it('maps English and Chinese labels to DVB level-1 genres', () => {
    const cases: Array<[string, string | undefined]> = [
      ['News', 'news'], ['新闻', 'news'], ['Movie', 'movie'], ['Film', 'movie'], ['电影', 'movie'], ['Sports', 'sports'],
      ['体育', 'sports'], ['Kids', 'children'], ['Children', 'children'], ['少儿', 'children'], ['动画', 'children'],
      ['Music', 'music'], ['音乐', 'music'], ['Documentary', 'education'], ['纪录片', 'education'], ['Series', 'movie'],
      ['Drama', 'movie'], ['电视剧', 'movie'], ['Crime Drama', 'movie'], ['Game Show', 'show'], ['综艺', 'show'],
      ['财经', 'social'], ['戏曲', 'arts'], ['Cookery', 'leisure'], ['旅游', 'leisure'], ['sports', 'sports'],
      ['Talk Show', 'show'], ['Property', 'leisure'], ['Nonsense', undefined], ['', undefined],
    ];
    for (const [label, genre] of cases) expect(genreOfLabel(label), label).to.equal(genre);
  });

  it('lists genres of several labels once each, in label order', () => {
    expect(genresOfLabels(['Series', 'Game Show', 'Drama', 'xyz'])).to.deep.equal(['movie', 'show']);
  });
});
