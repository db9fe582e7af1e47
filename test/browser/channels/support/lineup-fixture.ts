// A small operator lineup in the headend's JSON format (version 1), used by the lineup and tuner tests.
export const TEST_LINEUP = {
  version: 1,
  name: 'Test cable',
  channels: [
    { triplet: { onid: 8448, tsid: 1, sid: 101 }, number: 1, name: 'CCTV-1', logo: 'logos/cctv1.png', source: { type: 'testcard', pattern: '#246' } },
    { onid: 8448, tsid: 1, sid: 102, number: 2, name: 'CCTV-2', epgId: 'cctv2' },
    { id: 'data-1', number: 3, name: 'Data service', hidden: true },
    { id: 'movie', number: 5, name: 'Movie+', ca: { systemIds: ['0x4A02'], productIds: [10] } },
    { id: 'radio-1', number: 8, name: 'Voice of Music', kind: 'radio' },
    { id: 'sports', number: 10, name: 'Sports HD', scrambled: true, ca: { systemIds: [18946], ecmPid: 0x1f0, productIds: [20] } },
    { id: 'kids', number: 12, name: 'Kids', source: { type: 'url', url: 'hls/kids.m3u8', mimeType: 'application/vnd.apple.mpegurl' } },
  ],
} as const;
