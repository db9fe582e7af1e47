/**
 * A small WebM (Matroska) muxer for one video track: EBML header, Segment with SeekHead, Info, Tracks, one
 * Cluster per key frame of SimpleBlocks, and Cues. With `encryption`, the track declares WebM encryption
 * (ContentEncodings → ContentEncryption, AES, key id, CTR mode) and the frames must already be encrypted
 * blocks (see webm-encryption.ts). Element IDs and layout follow the Matroska specification (RFC 9559) and the
 * WebM encryption specification.
 */
import { binaryElement, concatBytes, floatElement, masterElement, stringElement, uintElement, type EbmlElement } from './ebml.js';

const ID = {
  EBML: 0x1a45dfa3, EBMLVersion: 0x4286, EBMLReadVersion: 0x42f7, EBMLMaxIDLength: 0x42f2, EBMLMaxSizeLength: 0x42f3,
  DocType: 0x4282, DocTypeVersion: 0x4287, DocTypeReadVersion: 0x4285,
  Segment: 0x18538067, SeekHead: 0x114d9b74, Seek: 0x4dbb, SeekID: 0x53ab, SeekPosition: 0x53ac,
  Info: 0x1549a966, TimestampScale: 0x2ad7b1, Duration: 0x4489, MuxingApp: 0x4d80, WritingApp: 0x5741,
  Tracks: 0x1654ae6b, TrackEntry: 0xae, TrackNumber: 0xd7, TrackUID: 0x73c5, TrackType: 0x83, FlagLacing: 0x9c,
  CodecID: 0x86, DefaultDuration: 0x23e383, Video: 0xe0, PixelWidth: 0xb0, PixelHeight: 0xba,
  ContentEncodings: 0x6d80, ContentEncoding: 0x6240, ContentEncodingOrder: 0x5031, ContentEncodingScope: 0x5032,
  ContentEncodingType: 0x5033, ContentEncryption: 0x5035, ContentEncAlgo: 0x47e1, ContentEncKeyID: 0x47e2,
  ContentEncAESSettings: 0x47e7, AESSettingsCipherMode: 0x47e8,
  Cluster: 0x1f43b675, Timestamp: 0xe7, SimpleBlock: 0xa3,
  Cues: 0x1c53bb6b, CuePoint: 0xbb, CueTime: 0xb3, CueTrackPositions: 0xb7, CueTrack: 0xf7, CueClusterPosition: 0xf1,
} as const;

export interface WebmFrame {
  /** The coded frame (or, with encryption, the encrypted block: signal byte, IV, ciphertext). */
  readonly data: Uint8Array;
  readonly timestampMs: number;
  readonly key: boolean;
}

export interface WebmVideoTrack {
  /** Matroska codec id: `V_VP8`, `V_VP9`. */
  readonly codecId: string;
  readonly width: number;
  readonly height: number;
  readonly frameDurationMs: number;
  /** Declares AES-CTR WebM encryption with this key id. */
  readonly encryptionKeyId?: Uint8Array;
}

const TRACK_NUMBER = 1;

function trackEntry(track: WebmVideoTrack): EbmlElement {
  const children = [
    uintElement(ID.TrackNumber, TRACK_NUMBER), uintElement(ID.TrackUID, 1), uintElement(ID.TrackType, 1),
    uintElement(ID.FlagLacing, 0), stringElement(ID.CodecID, track.codecId),
    uintElement(ID.DefaultDuration, Math.round(track.frameDurationMs * 1e6)),
    masterElement(ID.Video, [uintElement(ID.PixelWidth, track.width), uintElement(ID.PixelHeight, track.height)]),
  ];
  if (track.encryptionKeyId) {
    children.push(masterElement(ID.ContentEncodings, [masterElement(ID.ContentEncoding, [
      uintElement(ID.ContentEncodingOrder, 0),
      // Scope 1: the frame contents; type 1: encryption.
      uintElement(ID.ContentEncodingScope, 1), uintElement(ID.ContentEncodingType, 1),
      masterElement(ID.ContentEncryption, [
        uintElement(ID.ContentEncAlgo, 5), // 5 = AES
        binaryElement(ID.ContentEncKeyID, track.encryptionKeyId),
        masterElement(ID.ContentEncAESSettings, [uintElement(ID.AESSettingsCipherMode, 1)]), // 1 = CTR
      ]),
    ])]));
  }
  return masterElement(ID.TrackEntry, children);
}

function simpleBlock(frame: WebmFrame, clusterTimestampMs: number): EbmlElement {
  const relative = Math.round(frame.timestampMs - clusterTimestampMs);
  if (relative < -32768 || relative > 32767) throw new RangeError(`frame at ${frame.timestampMs} ms is too far from its cluster`);
  const header = [0x80 | TRACK_NUMBER, (relative >> 8) & 0xff, relative & 0xff, frame.key ? 0x80 : 0x00];
  return binaryElement(ID.SimpleBlock, concatBytes([header, frame.data]));
}

function idAsBytes(id: number): number[] {
  const bytes: number[] = [];
  for (let value = id; value > 0; value = Math.floor(value / 256)) bytes.unshift(value & 0xff);
  return bytes;
}

/** Muxes `frames` (in presentation order, the first a key frame) into a WebM file. */
export function writeWebm(track: WebmVideoTrack, frames: readonly WebmFrame[]): Uint8Array<ArrayBuffer> {
  if (frames[0]?.key !== true) throw new Error('a WebM video track must start with a key frame');
  const header = masterElement(ID.EBML, [
    uintElement(ID.EBMLVersion, 1), uintElement(ID.EBMLReadVersion, 1), uintElement(ID.EBMLMaxIDLength, 4),
    uintElement(ID.EBMLMaxSizeLength, 8), stringElement(ID.DocType, 'webm'), uintElement(ID.DocTypeVersion, 4),
    uintElement(ID.DocTypeReadVersion, 2),
  ]);
  const last = frames[frames.length - 1];
  const durationMs = (last?.timestampMs ?? 0) + track.frameDurationMs;
  const info = masterElement(ID.Info, [
    uintElement(ID.TimestampScale, 1_000_000), floatElement(ID.Duration, durationMs),
    stringElement(ID.MuxingApp, 'yiwang webm-writer'), stringElement(ID.WritingApp, 'yiwang testmedia'),
  ]);
  const tracks = masterElement(ID.Tracks, [trackEntry(track)]);

  const clusters: { timestampMs: number; element: EbmlElement }[] = [];
  let blocks: EbmlElement[] = [];
  let clusterStart = 0;
  const closeCluster = (): void => {
    if (blocks.length > 0) clusters.push({ timestampMs: clusterStart, element: masterElement(ID.Cluster, [uintElement(ID.Timestamp, clusterStart), ...blocks]) });
    blocks = [];
  };
  for (const frame of frames) {
    if (frame.key) {
      closeCluster();
      clusterStart = Math.round(frame.timestampMs);
    }
    blocks.push(simpleBlock(frame, clusterStart));
  }
  closeCluster();

  // SeekPositions are written as 8-byte integers so the SeekHead's size does not depend on them.
  const seekHeadFor = (positions: readonly (readonly [number, number])[]): EbmlElement => masterElement(ID.SeekHead, positions.map(([id, position]) =>
    masterElement(ID.Seek, [binaryElement(ID.SeekID, idAsBytes(id)), uintElement(ID.SeekPosition, position, 8)])));
  const seekHeadSize = seekHeadFor([[ID.Info, 0], [ID.Tracks, 0], [ID.Cues, 0]]).length;
  const infoAt = seekHeadSize;
  const tracksAt = infoAt + info.length;
  let at = tracksAt + tracks.length;
  const cuePoints: EbmlElement[] = [];
  for (const cluster of clusters) {
    cuePoints.push(masterElement(ID.CuePoint, [
      uintElement(ID.CueTime, cluster.timestampMs),
      masterElement(ID.CueTrackPositions, [uintElement(ID.CueTrack, TRACK_NUMBER), uintElement(ID.CueClusterPosition, at)]),
    ]));
    at += cluster.element.length;
  }
  const cues = masterElement(ID.Cues, cuePoints);
  const seekHead = seekHeadFor([[ID.Info, infoAt], [ID.Tracks, tracksAt], [ID.Cues, at]]);
  const segment = masterElement(ID.Segment, [seekHead, info, tracks, ...clusters.map((cluster) => cluster.element), cues]);
  return concatBytes([header, segment]);
}
