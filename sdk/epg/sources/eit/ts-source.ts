/**
 * EPG source `ts`: an MPEG-2 transport stream (ISO/IEC 13818-1) carrying EIT sections (ETSI EN 300 468
 * §5.2.4) on PID 0x0012, or on the PIDs given in `EitParseOptions.pids`.
 *
 * Packets are demultiplexed by `TsSectionDemux` (sync recovery, continuity checks, sections across
 * packets), sections go to the shared `EitCollector` (CRC, sub-tables, versions, carousel repeats).
 * Lost sync and sections dropped on a discontinuity count as skipped; nothing in the input throws.
 */
import { byteChunks } from '../byte-chunks.js';
import { registerEpgSource } from '../epg-source-registry.js';
import type { ByteChunks, EpgBatch, EpgParseReport } from '../epg-source.js';
import { recordSkipped, recordWarning } from '../epg-report.js';
import { EitCollector, type EitEpgSource, type EitParseOptions } from './eit-collector.js';
import { EIT_PID } from './eit-section.js';
import { TS_PACKET_SIZE, TS_SYNC_BYTE, TsSectionDemux } from './ts-demux.js';

// ---------------------------------------------------------------------------------------------------
// Ids / names
// ---------------------------------------------------------------------------------------------------

export const TS_FORMAT = 'ts';

/** True when the head has sync bytes at 0 and 188 (and at 376 when that much is there). */
export function probeTransportStream(head: Uint8Array): boolean {
  if (head.length <= TS_PACKET_SIZE) return false;
  if (head[0] !== TS_SYNC_BYTE || head[TS_PACKET_SIZE] !== TS_SYNC_BYTE) return false;
  return head.length <= 2 * TS_PACKET_SIZE || head[2 * TS_PACKET_SIZE] === TS_SYNC_BYTE;
}

// ---------------------------------------------------------------------------------------------------
// Decode
// ---------------------------------------------------------------------------------------------------

/** The `ts` source: a transport stream in, normalized channels and programmes from its EIT out. */
export const transportStreamSource: EitEpgSource = {
  format: TS_FORMAT,
  probe: probeTransportStream,
  async *parse(input: ByteChunks, report: EpgParseReport, options: EitParseOptions = {}): AsyncIterable<EpgBatch> {
    const collector = new EitCollector(report, options);
    const demux = new TsSectionDemux(
      (section, pid, offset) => collector.addSection(section, `PID ${pid} packet at byte ${offset}`),
      (issue) => {
        const warning = { code: issue.code, message: issue.message, where: `${issue.pid === undefined ? '' : `PID ${issue.pid} `}byte ${issue.offset}` };
        if (issue.droppedSection || issue.code === 'ts-sync-lost') recordSkipped(report, warning, options.maxWarnings);
        else recordWarning(report, warning, options.maxWarnings);
      },
      { pids: options.pids ?? [EIT_PID] },
    );
    for await (const chunk of byteChunks(input)) demux.push(chunk);
    demux.end();
    yield* collector.finish();
    collector.stats.ts = { ...demux.stats };
    options.onStats?.(collector.stats);
  },
};

registerEpgSource(transportStreamSource);
