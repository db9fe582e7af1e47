import { expect } from '@esm-bundle/chai';
import {
  contentLabel, decodeContentDescriptor, decodeExtendedEventDescriptor, decodeParentalRatingDescriptor,
  decodeShortEventDescriptor, describeContentDescriptor, describeExtendedEventDescriptor, describeParentalRatingDescriptor,
  describeShortEventDescriptor, eitDescriptorTags, joinExtendedEvents, lookupEitDescriptor, ratingMinAge,
  type ExtendedEventDescriptor,
} from '../../../sdk/epg/sources/eit/index.js';
import { ascii, extendedEvent, hex, shortEvent, utf8 } from './eit-test-encoder.js';

/** The payload of an encoded descriptor (drops tag and length). */
const payload = (d: readonly number[]): Uint8Array => Uint8Array.from(d.slice(2));

function extended(d: readonly number[], defaultCharset?: string): ExtendedEventDescriptor {
  const decoded = decodeExtendedEventDescriptor(payload(d), defaultCharset === undefined ? {} : { defaultCharset });
  if (!decoded) throw new Error('malformed');
  return decoded;
}

describe('EIT descriptors', () => {
  it('the registry knows 0x4D, 0x4E, 0x54, 0x55 and answers undefined for other tags', () => {
    expect(eitDescriptorTags()).to.include.members([0x4d, 0x4e, 0x54, 0x55]);
    expect(lookupEitDescriptor(0x4d)?.name).to.equal('Short Event');
    expect(lookupEitDescriptor(0x4e)?.name).to.equal('Extended Event');
    expect(lookupEitDescriptor(0x54)?.name).to.equal('Content');
    expect(lookupEitDescriptor(0x55)?.name).to.equal('Parental Rating');
    expect(lookupEitDescriptor(0x50)).to.equal(undefined); // component: not ours, skipped
    expect(lookupEitDescriptor(0x69)).to.equal(undefined); // PDC
  });

  describe('short_event_descriptor 0x4D (§6.2.37)', () => {
    it('decodes language, name and text, each with its own selector', () => {
      const d = decodeShortEventDescriptor(payload(shortEvent('CHI', [0x13, ...hex('D0 C2 CE C5')], [0x15, ...utf8('每日新闻')])), {});
      expect(d).to.deep.equal({ tag: 0x4d, name: 'Short Event', language: 'chi', eventName: '新闻', text: '每日新闻' });
      if (!d) return;
      expect(describeShortEventDescriptor(d)).to.equal('Short Event (0x4D)\nLanguage: chi\nEvent name: "新闻"\nDescription: "每日新闻"');
    });

    it('empty name and text are valid; lengths past the payload are malformed', () => {
      expect(decodeShortEventDescriptor(payload(shortEvent('eng', [], [])), {})?.eventName).to.equal('');
      const good = payload(shortEvent('eng', ascii('Title'), ascii('Text')));
      for (let n = 0; n < good.length; n++) {
        expect(decodeShortEventDescriptor(good.subarray(0, n), {}), `cut at ${n}`).to.equal(undefined);
      }
    });
  });

  describe('extended_event_descriptor 0x4E (§6.2.15)', () => {
    it('decodes numbers, language, items and text', () => {
      const d = extended(extendedEvent(1, 2, 'cze', ascii('text'), [[ascii('Director'), ascii('A. B.')], [ascii('Year'), ascii('2019')]]));
      expect(d.descriptorNumber).to.equal(1);
      expect(d.lastDescriptorNumber).to.equal(2);
      expect(d.language).to.equal('cze');
      expect(d.items).to.deep.equal([{ description: 'Director', item: 'A. B.' }, { description: 'Year', item: '2019' }]);
      expect(d.text).to.equal('text');
      expect(describeExtendedEventDescriptor(d)).to.contain('"Director" : "A. B."');
    });

    it('joins a chain per language in descriptor_number order, keeping items', () => {
      const parts = [
        extended(extendedEvent(2, 2, 'eng', ascii(' end.'))),
        extended(extendedEvent(0, 2, 'eng', ascii('Start'), [[ascii('Cast'), ascii('X')]])),
        extended(extendedEvent(0, 0, 'fre', ascii('Bonjour'))),
        extended(extendedEvent(1, 2, 'eng', ascii(' middle'), [[ascii('Year'), ascii('2020')]])),
      ];
      const joined = joinExtendedEvents(parts, {});
      expect(joined).to.deep.equal([
        { language: 'eng', text: 'Start middle end.', items: [{ description: 'Cast', item: 'X' }, { description: 'Year', item: '2020' }], parts: 3, complete: true },
        { language: 'fre', text: 'Bonjour', items: [], parts: 1, complete: true },
      ]);
    });

    it('reports a chain with a missing part as incomplete, and ignores a repeated part', () => {
      const joined = joinExtendedEvents([
        extended(extendedEvent(0, 2, 'eng', ascii('a'))), extended(extendedEvent(0, 2, 'eng', ascii('A'))),
        extended(extendedEvent(2, 2, 'eng', ascii('c'))),
      ], {});
      expect(joined[0]?.text).to.equal('ac');
      expect(joined[0]?.complete).to.equal(false);
      expect(joined[0]?.parts).to.equal(2);
    });

    it('a character split across parts survives: GB2312 pair, UTF-8 sequence, ISO 6937 diacritic', () => {
      // "中文" = D6 D0 CE C4 in GB2312, split inside the second character; each part repeats the 0x13 selector.
      const gb = joinExtendedEvents([
        extended(extendedEvent(0, 1, 'chi', [0x13, ...hex('D6 D0 CE')])), extended(extendedEvent(1, 1, 'chi', [0x13, ...hex('C4')])),
      ], {});
      expect(gb[0]?.text).to.equal('中文');
      // UTF-8 split, second part without a selector (continues the table).
      const bytes = utf8('天气');
      const u8 = joinExtendedEvents([
        extended(extendedEvent(0, 1, 'zho', [0x15, ...bytes.slice(0, 4)])), extended(extendedEvent(1, 1, 'zho', bytes.slice(4))),
      ], {});
      expect(u8[0]?.text).to.equal('天气');
      // ISO 6937: the caron ends part 0, its letter starts part 1 ("moder" | "átoři" style cut).
      const latin = joinExtendedEvents([
        extended(extendedEvent(0, 1, 'cze', [...ascii('p'), 0xcf])), extended(extendedEvent(1, 1, 'cze', ascii('rizn'))),
      ], {});
      expect(latin[0]?.text).to.equal('přizn');
      // Raw GB bytes with a per-service default charset, split mid-character.
      const raw = joinExtendedEvents([
        extended(extendedEvent(0, 1, 'chi', hex('C9 CF BA'), []), 'gb2312'), extended(extendedEvent(1, 1, 'chi', hex('A3'), []), 'gb2312'),
      ], { defaultCharset: 'gb2312' });
      expect(raw[0]?.text).to.equal('上海');
    });

    it('parts in different tables are decoded separately and concatenated', () => {
      const mixed = joinExtendedEvents([
        extended(extendedEvent(0, 1, 'chi', [0x13, ...hex('D6 D0')])), extended(extendedEvent(1, 1, 'chi', [0x15, ...utf8('文')])),
      ], {});
      expect(mixed[0]?.text).to.equal('中文');
    });

    it('an item with an empty description continues the item before it', () => {
      const joined = joinExtendedEvents([
        extended(extendedEvent(0, 1, 'eng', [], [[ascii('Cast'), ascii('Ann, Bob, ')]])),
        extended(extendedEvent(1, 1, 'eng', [], [[[], ascii('Cy')]])),
      ], {});
      expect(joined[0]?.items).to.deep.equal([{ description: 'Cast', item: 'Ann, Bob, Cy' }]);
    });

    it('truncated payloads are malformed', () => {
      const good = payload(extendedEvent(0, 0, 'eng', ascii('text'), [[ascii('k'), ascii('v')]]));
      for (let n = 0; n < good.length; n++) {
        expect(decodeExtendedEventDescriptor(good.subarray(0, n), {}), `cut at ${n}`).to.equal(undefined);
      }
    });
  });

  describe('content_descriptor 0x54 (§6.2.9)', () => {
    it('maps level 1 to DvbGenre and keeps the Table 29 wording', () => {
      const d = decodeContentDescriptor(Uint8Array.from([0x10, 0x00, 0x21, 0x05, 0x41, 0x00, 0x93, 0x00, 0xb3, 0x00]));
      expect(d.entries.map((e) => e.genre)).to.deep.equal(['movie', 'news', 'sports', 'education', 'special']);
      expect(d.entries.map((e) => e.label)).to.deep.equal(['movie/drama (general)', 'news/weather report',
        'special events (Olympic Games, World Cup, etc.)', 'medicine/physiology/psychology', 'live broadcast']);
      expect(d.entries[1]?.userByte).to.equal(5);
      expect(describeContentDescriptor(d)).to.contain('Content: 0x21 (news/weather report) / User: 0x05');
    });

    it('covers every level-1 group and the open values', () => {
      const groups = [0x0, 0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7, 0x8, 0x9, 0xa, 0xb].map((n) => decodeContentDescriptor(Uint8Array.from([n << 4, 0])).entries[0]?.genre);
      expect(groups).to.deep.equal(['undefined', 'movie', 'news', 'show', 'sports', 'children', 'music', 'arts', 'social', 'education', 'leisure', 'special']);
      expect(contentLabel(0x00)).to.equal('undefined content');
      expect(contentLabel(0x1f)).to.equal('movie/drama: user defined (0x1F)');
      expect(contentLabel(0x19)).to.equal('movie/drama: reserved (0x19)');
      expect(contentLabel(0xc3)).to.equal('reserved (0xC3)');
      expect(contentLabel(0xf3)).to.equal('user defined (0xF3)');
      expect(contentLabel(0x50)).to.equal("children's/youth programmes (general)");
      const open = decodeContentDescriptor(Uint8Array.from([0xc3, 0, 0xf3, 0]));
      expect(open.entries.map((e) => e.genre)).to.deep.equal([undefined, undefined]);
      expect(decodeContentDescriptor(Uint8Array.from([0x10])).entries).to.deep.equal([]);
    });
  });

  describe('parental_rating_descriptor 0x55 (§6.2.28)', () => {
    it('0x01–0x0F → minimum age rating + 3; 0 undefined; others broadcaster-defined with no age', () => {
      const d = decodeParentalRatingDescriptor(Uint8Array.from([...ascii('CZE'), 0x0c, ...ascii('FRA'), 0x01, ...ascii('CHN'), 0x0f,
        ...ascii('GBR'), 0x00, ...ascii('DEU'), 0x10, ...ascii('ESP'), 0xff]));
      expect(d.entries).to.deep.equal([
        { country: 'CZE', rating: 12, minAge: 15 }, { country: 'FRA', rating: 1, minAge: 4 }, { country: 'CHN', rating: 15, minAge: 18 },
        { country: 'GBR', rating: 0 }, { country: 'DEU', rating: 16 }, { country: 'ESP', rating: 255 },
      ]);
      expect(ratingMinAge(0x10)).to.equal(undefined);
      expect(describeParentalRatingDescriptor(d)).to.contain('Country code: CZE, rating: 0x0C (min. 15 years)');
      expect(describeParentalRatingDescriptor(d)).to.contain('Country code: GBR, rating: 0x00 (undefined)');
      expect(describeParentalRatingDescriptor(d)).to.contain('Country code: DEU, rating: 0x10 (broadcaster-defined)');
      expect(decodeParentalRatingDescriptor(Uint8Array.from(ascii('CZE'))).entries).to.deep.equal([]);
    });
  });
});
