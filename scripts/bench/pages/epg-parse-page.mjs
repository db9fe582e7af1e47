// Bundled by scripts/bench/epg-parse.mjs for Chromium: the same three XMLTV parsers as in Node, run on
// bytes fetched into memory, so what is timed is decoding + parsing only.
import { parseXmltv } from '@iptv/xmltv';
import epgParser from 'epg-parser';
import { createEpgReport, findEpgSource } from '../../../dist/sdk/index.js';

async function* chunksOf(bytes, size = 1 << 16) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export const parsers = {
  async yiwang(bytes) {
    const report = createEpgReport();
    let programmes = 0;
    for await (const batch of findEpgSource('xmltv').parse(chunksOf(bytes), report)) programmes += batch.programmes.length;
    return programmes;
  },
  async '@iptv/xmltv'(bytes, encoding) {
    return parseXmltv(new TextDecoder(encoding).decode(bytes)).programmes?.length ?? 0;
  },
  async 'epg-parser'(bytes, encoding) {
    return epgParser.parse(new TextDecoder(encoding).decode(bytes)).programs.length;
  },
};

window.benchEpgParse = async (url, parser, encoding, runs) => {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const times = [];
  let programmes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    programmes = await parsers[parser](bytes, encoding);
    times.push(performance.now() - t0);
  }
  return { bytes: bytes.length, programmes, times };
};
