/**
 * Tells what a URL or the first bytes of a file are: HLS by URL or MIME type; WebM by its EBML magic; MP4 by
 * `ftyp`/`styp`/`moof`, fragmented when the movie header has an `mvex` box. Codecs for `addSourceBuffer` come
 * from the codec ids (WebM) and sample-entry configuration boxes (MP4) found in those bytes.
 */
export const HLS_MIME_TYPES = ['application/vnd.apple.mpegurl', 'application/x-mpegurl', 'audio/mpegurl'] as const;

export function isHlsSource(url: string, mimeType: string | undefined): boolean {
  if (mimeType !== undefined) return (HLS_MIME_TYPES as readonly string[]).includes(mimeType.toLowerCase().split(';')[0]?.trim() ?? '');
  const path = url.split(/[?#]/, 1)[0] ?? '';
  return /\.m3u8?$/i.test(path);
}

export interface SniffedMedia {
  readonly container: 'webm' | 'mp4' | 'unknown';
  /** MP4 only: has movie fragments (MSE can append it). WebM is always appendable. */
  readonly fragmented: boolean;
  /** The MIME type with codecs for `MediaSource.addSourceBuffer`, when the codecs were found. */
  readonly mimeType?: string;
}

const ascii = (bytes: Uint8Array, at: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(at, at + length));

function indexOfAscii(bytes: Uint8Array, text: string, from = 0): number {
  const first = text.charCodeAt(0);
  outer: for (let index = bytes.indexOf(first, from); index !== -1 && index + text.length <= bytes.length; index = bytes.indexOf(first, index + 1)) {
    for (let offset = 1; offset < text.length; offset += 1) if (bytes[index + offset] !== text.charCodeAt(offset)) continue outer;
    return index;
  }
  return -1;
}

const hex2 = (value: number | undefined): string => (value ?? 0).toString(16).padStart(2, '0');
const dec2 = (value: number | undefined): string => String(value ?? 0).padStart(2, '0');

function webmCodecs(bytes: Uint8Array): { video: string[]; audio: string[] } {
  const table: readonly (readonly [string, string, 'video' | 'audio'])[] = [
    ['V_VP8', 'vp8', 'video'], ['V_VP9', 'vp9', 'video'], ['V_AV1', 'av01.0.05M.08', 'video'],
    ['A_OPUS', 'opus', 'audio'], ['A_VORBIS', 'vorbis', 'audio'],
  ];
  const found = { video: [] as string[], audio: [] as string[] };
  for (const [id, codec, kind] of table) if (indexOfAscii(bytes, id) !== -1) found[kind].push(codec);
  return found;
}

function mp4Codecs(bytes: Uint8Array): { video: string[]; audio: string[] } {
  const found = { video: [] as string[], audio: [] as string[] };
  const avcC = indexOfAscii(bytes, 'avcC');
  if (avcC !== -1) found.video.push(`avc1.${hex2(bytes[avcC + 5])}${hex2(bytes[avcC + 6])}${hex2(bytes[avcC + 7])}`);
  const vpcC = indexOfAscii(bytes, 'vpcC');
  if (vpcC !== -1) found.video.push(`vp09.${dec2(bytes[vpcC + 8])}.${dec2(bytes[vpcC + 9])}.${dec2((bytes[vpcC + 10] ?? 0x80) >> 4)}`);
  if (indexOfAscii(bytes, 'av1C') !== -1) found.video.push('av01.0.05M.08');
  if (indexOfAscii(bytes, 'hvcC') !== -1) found.video.push('hvc1.1.6.L93.B0');
  if (indexOfAscii(bytes, 'mp4a') !== -1) found.audio.push('mp4a.40.2');
  if (indexOfAscii(bytes, 'Opus') !== -1) found.audio.push('opus');
  if (indexOfAscii(bytes, 'ec-3') !== -1) found.audio.push('ec-3');
  else if (indexOfAscii(bytes, 'ac-3') !== -1) found.audio.push('ac-3');
  return found;
}

function withCodecs(container: 'webm' | 'mp4', codecs: { video: string[]; audio: string[] }): string | undefined {
  const all = [...codecs.video, ...codecs.audio];
  if (all.length === 0) return undefined;
  return `${codecs.video.length > 0 ? 'video' : 'audio'}/${container}; codecs="${all.join(',')}"`;
}

export function sniffMedia(bytes: Uint8Array): SniffedMedia {
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) {
    const mimeType = withCodecs('webm', webmCodecs(bytes));
    return mimeType === undefined ? { container: 'webm', fragmented: true } : { container: 'webm', fragmented: true, mimeType };
  }
  const firstBox = bytes.length >= 8 ? ascii(bytes, 4, 4) : '';
  if (firstBox === 'ftyp' || firstBox === 'styp' || firstBox === 'moof') {
    const fragmented = indexOfAscii(bytes, 'mvex') !== -1 || firstBox !== 'ftyp';
    const mimeType = withCodecs('mp4', mp4Codecs(bytes));
    return mimeType === undefined ? { container: 'mp4', fragmented } : { container: 'mp4', fragmented, mimeType };
  }
  return { container: 'unknown', fragmented: false };
}
