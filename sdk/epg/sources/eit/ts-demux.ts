/**
 * MPEG-2 transport stream section demultiplexer — ISO/IEC 13818-1 §2.4.3 (transport packets) and §2.4.4
 * (PSI sections carried in packets: payload_unit_start_indicator and pointer_field).
 *
 * 188-byte packets, sync byte 0x47 (resynchronised after loss: the next 0x47 followed by another 188 bytes
 * later), on the wanted PIDs (0x0012 by default) only. Sections are reassembled across packets; several may
 * start in one packet; 0xFF after a section is stuffing up to the end of the packet. continuity_counter is
 * checked per PID: a repeated counter is a duplicate packet (ignored), a gap drops the section being
 * assembled (unless the adaptation field flags a discontinuity). Chunks may split packets anywhere.
 *
 * The demux only cuts sections; it checks neither table ids nor CRCs (that is the section decoder's job).
 */

// ---------------------------------------------------------------------------------------------------
// Ids / names
// ---------------------------------------------------------------------------------------------------

export const TS_PACKET_SIZE = 188;
export const TS_SYNC_BYTE = 0x47;
/** Largest section: 3 header bytes + section_length ≤ 4093 (private sections). */
const MAX_SECTION_SIZE = 4096;

export type TsDemuxIssueCode =
  | 'ts-sync-lost' // bytes skipped to find the next sync byte
  | 'ts-discontinuity' // continuity_counter gap
  | 'ts-transport-error' // transport_error_indicator set
  | 'ts-section-invalid' // section_length out of range or pointer_field past the packet
  | 'ts-section-incomplete' // a section was cut short by a new section start, or by the end of input
  | 'ts-truncated'; // input ended inside a packet

export interface TsDemuxIssue {
  readonly code: TsDemuxIssueCode;
  readonly message: string;
  /** Byte offset of the packet (or of the skipped bytes) in the whole input. */
  readonly offset: number;
  readonly pid?: number;
  /** True when a partly assembled section was thrown away because of this. */
  readonly droppedSection: boolean;
}

export interface TsDemuxStats {
  bytes: number;
  packets: number;
  /** Packets on the wanted PIDs. */
  pidPackets: number;
  duplicatePackets: number;
  discontinuities: number;
  syncLosses: number;
  skippedBytes: number;
  transportErrors: number;
  scrambledPackets: number;
  sections: number;
  droppedSections: number;
}

export interface TsDemuxOptions {
  /** PIDs to reassemble sections from. Default [0x0012] (EIT). */
  readonly pids?: readonly number[];
}

interface PidState {
  lastCc: number;
  /** Reused assembly buffer for this PID. */
  readonly scratch: Uint8Array;
  /** A section is being assembled: bytes filled so far, expected total (-1 until 3 bytes are in). */
  assembling: boolean;
  filled: number;
  expected: number;
}

/**
 * Reads the flag through a call: `append()` changes it, and TypeScript would otherwise keep the narrowing
 * from the test made before the call.
 */
function isAssembling(st: PidState): boolean {
  return st.assembling;
}

// ---------------------------------------------------------------------------------------------------
// Demux
// ---------------------------------------------------------------------------------------------------

/**
 * Push transport stream bytes in any chunking; complete sections come out through `onSection` (a fresh
 * copy each, with the input offset of the packet that completed it), problems through `onIssue`. Call `end()` after the last chunk.
 */
export class TsSectionDemux {
  readonly stats: TsDemuxStats = {
    bytes: 0, packets: 0, pidPackets: 0, duplicatePackets: 0, discontinuities: 0, syncLosses: 0, skippedBytes: 0,
    transportErrors: 0, scrambledPackets: 0, sections: 0, droppedSections: 0,
  };
  private readonly states = new Map<number, PidState>();
  /** Bytes of an incomplete packet (or unconfirmed sync) carried to the next push. */
  private carry: Uint8Array = new Uint8Array(0);
  /** Input offset of carry[0]. */
  private carryOffset = 0;
  private inSync = true;

  constructor(
    private readonly onSection: (section: Uint8Array, pid: number, offset: number) => void,
    private readonly onIssue: (issue: TsDemuxIssue) => void = () => undefined,
    options: TsDemuxOptions = {},
  ) {
    for (const pid of options.pids ?? [0x0012]) {
      this.states.set(pid, { lastCc: -1, scratch: new Uint8Array(MAX_SECTION_SIZE), assembling: false, filled: 0, expected: -1 });
    }
  }

  /** Feeds the next chunk. */
  push(chunk: Uint8Array): void {
    this.stats.bytes += chunk.length;
    let buf: Uint8Array;
    if (this.carry.length === 0) {
      buf = chunk;
    } else {
      buf = new Uint8Array(this.carry.length + chunk.length);
      buf.set(this.carry);
      buf.set(chunk, this.carry.length);
    }
    const base = this.carryOffset;
    const n = buf.length;
    let pos = 0;
    while (pos + TS_PACKET_SIZE <= n) {
      if (buf[pos] !== TS_SYNC_BYTE) {
        const next = this.findSync(buf, pos + 1);
        this.lostSync(base + pos, next - pos);
        pos = next;
        continue;
      }
      this.inSync = true;
      this.packet(buf, pos, base + pos);
      pos += TS_PACKET_SIZE;
    }
    this.carry = buf.slice(pos);
    this.carryOffset = base + pos;
  }

  /** Ends the input: an incomplete packet or section left over is reported and dropped. */
  end(): void {
    if (this.carry.length > 0) {
      this.onIssue({ code: 'ts-truncated', message: `input ends inside a packet (${this.carry.length} bytes left)`,
        offset: this.carryOffset, droppedSection: false });
      this.carry = new Uint8Array(0);
    }
    for (const [pid, st] of this.states) {
      if (st.assembling) this.drop(st, pid, 'ts-section-incomplete', 'input ends inside a section', this.carryOffset);
    }
  }

  /**
   * The next position ≥ from holding a sync byte that another 188 bytes later confirms; a candidate too
   * close to the end to confirm is taken (it is re-checked as a packet start when more bytes come).
   */
  private findSync(buf: Uint8Array, from: number): number {
    for (let i = from; i < buf.length; i++) {
      if (buf[i] !== TS_SYNC_BYTE) continue;
      if (i + TS_PACKET_SIZE >= buf.length || buf[i + TS_PACKET_SIZE] === TS_SYNC_BYTE) return i;
    }
    return buf.length;
  }

  private lostSync(offset: number, skipped: number): void {
    this.stats.skippedBytes += skipped;
    if (!this.inSync) return; // one issue per loss, however many bytes it takes to recover
    this.inSync = false;
    this.stats.syncLosses++;
    let dropped = false;
    for (const [pid, st] of this.states) {
      if (st.assembling) {
        this.drop(st, pid, undefined, '', offset);
        dropped = true;
      }
      st.lastCc = -1;
    }
    this.onIssue({ code: 'ts-sync-lost', message: 'sync byte 0x47 missing; skipping to the next packet', offset, droppedSection: dropped });
  }

  private packet(buf: Uint8Array, pos: number, offset: number): void {
    this.stats.packets++;
    const b1 = buf[pos + 1] ?? 0;
    const pid = ((b1 & 0x1f) << 8) | (buf[pos + 2] ?? 0);
    const st = this.states.get(pid);
    if (!st) return;
    this.stats.pidPackets++;
    if (b1 & 0x80) {
      this.stats.transportErrors++;
      const had = st.assembling;
      if (had) this.drop(st, pid, undefined, '', offset);
      st.lastCc = -1;
      this.onIssue({ code: 'ts-transport-error', message: 'transport_error_indicator set; packet ignored', offset, pid, droppedSection: had });
      return;
    }
    const b3 = buf[pos + 3] ?? 0;
    const afc = (b3 >> 4) & 0x03;
    const cc = b3 & 0x0f;
    const end = pos + TS_PACKET_SIZE;
    let p = pos + 4;
    let discontinuityFlag = false;
    if (afc & 0x02) {
      const afLength = buf[p] ?? 0;
      discontinuityFlag = afLength > 0 && ((buf[p + 1] ?? 0) & 0x80) !== 0;
      p += 1 + afLength;
    }
    if ((afc & 0x01) === 0) return; // no payload: the counter does not move
    if (st.lastCc >= 0 && !discontinuityFlag) {
      if (cc === st.lastCc) {
        this.stats.duplicatePackets++;
        return;
      }
      if (cc !== ((st.lastCc + 1) & 0x0f)) {
        this.stats.discontinuities++;
        const had = st.assembling;
        if (had) this.drop(st, pid, undefined, '', offset);
        this.onIssue({ code: 'ts-discontinuity', message: `continuity_counter jumps ${st.lastCc} → ${cc}`, offset, pid, droppedSection: had });
      }
    }
    st.lastCc = cc;
    if ((b3 >> 6) !== 0) {
      this.stats.scrambledPackets++; // sections are never scrambled; ignore such packets
      return;
    }
    if (p >= end) return;
    const pusi = (b1 & 0x40) !== 0;
    if (pusi) {
      const pointer = buf[p] ?? 0;
      const start = p + 1 + pointer;
      if (start > end) {
        const had = st.assembling;
        if (had) this.drop(st, pid, undefined, '', offset);
        this.onIssue({ code: 'ts-section-invalid', message: `pointer_field ${pointer} points past the packet`, offset, pid, droppedSection: had });
        return;
      }
      if (st.assembling) {
        this.append(st, pid, buf, p + 1, start, offset);
        if (isAssembling(st)) this.drop(st, pid, 'ts-section-incomplete', 'a new section starts before the previous one ended', offset);
      }
      this.sections(st, pid, buf, start, end, offset);
    } else if (st.assembling) {
      const used = this.append(st, pid, buf, p, end, offset);
      if (!isAssembling(st)) this.sections(st, pid, buf, used, end, offset);
    }
  }

  /** Starts sections at `from` until the packet ends or stuffing (0xFF) begins. */
  private sections(st: PidState, pid: number, buf: Uint8Array, from: number, end: number, offset: number): void {
    let p = from;
    while (p < end && buf[p] !== 0xff) {
      st.assembling = true;
      st.filled = 0;
      st.expected = -1;
      p = this.append(st, pid, buf, p, end, offset);
      if (isAssembling(st)) return; // continues in the next packet
    }
  }

  /** Appends buf[from, end) to the section in progress; emits it when complete. Returns the next unused position. */
  private append(st: PidState, pid: number, buf: Uint8Array, from: number, end: number, offset: number): number {
    if (!st.assembling) return from;
    const section = st.scratch;
    let p = from;
    if (st.expected < 0) {
      const take = Math.min(3 - st.filled, end - p);
      section.set(buf.subarray(p, p + take), st.filled);
      st.filled += take;
      p += take;
      if (st.filled < 3) return p;
      const length = (((section[1] ?? 0) & 0x0f) << 8) | (section[2] ?? 0);
      if (length > MAX_SECTION_SIZE - 3) {
        this.drop(st, pid, 'ts-section-invalid', `section_length ${length} is too large`, offset);
        return end; // the rest of this packet cannot be trusted
      }
      st.expected = 3 + length;
    }
    const take = Math.min(st.expected - st.filled, end - p);
    section.set(buf.subarray(p, p + take), st.filled);
    st.filled += take;
    p += take;
    if (st.filled === st.expected) {
      const complete = section.slice(0, st.expected);
      st.assembling = false;
      this.stats.sections++;
      this.onSection(complete, pid, offset);
    }
    return p;
  }

  /** Throws the section in progress away; reports it when `code` is given (else the caller reports). */
  private drop(st: PidState, pid: number, code: TsDemuxIssueCode | undefined, message: string, offset: number): void {
    st.assembling = false;
    st.filled = 0;
    st.expected = -1;
    this.stats.droppedSections++;
    if (code) this.onIssue({ code, message, offset, pid, droppedSection: true });
  }
}
