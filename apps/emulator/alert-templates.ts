/**
 * Built-in alert messages for the emulator's alert panel: made-up CAP (GB/T 35965 profile) and China EB
 * platform (EBD/EBM) XML, and an SCTE 18 section written out as hex, each timed from now and aimed at the
 * box's region. QA edits them in the panel before sending.
 */
import { crc32Mpeg } from '../../sdk/index.js';

export type AlertTemplateId = 'red-details' | 'yellow' | 'cancel-red' | 'drill' | 'scte18';

export const ALERT_TEMPLATE_LABELS: Readonly<Record<AlertTemplateId, string>> = {
  'red-details': 'EBD · Ⅰ级 红色 + details channel 99 (force-tune)',
  yellow: 'CAP · Ⅲ级 黄色 (crawl)',
  'cancel-red': 'EBD · 取消 the last red (MsgType 2)',
  drill: 'EBD · 终端演练 drill (MsgType 5)',
  scte18: 'SCTE 18 · in-band section (hex), priority 7',
};

/** The details channel of the red template: the app force-tunes here. */
export const TEMPLATE_DETAILS_CHANNEL = 99;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Beijing time: `2025-07-01T14:30:00+08:00`. */
function beijing(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
}

/** EB platform time: Beijing, no zone. */
const ebTime = (ms: number): string => beijing(ms).slice(0, 19).replace('T', ' ');

/** The 12-digit EB area code of a 6- or 12-digit region. */
const areaCode = (region: string): string => region.padEnd(12, '0').slice(0, 12);

export class AlertTemplates {
  private serial = 0;
  /** EBMID of the red message built last, which the cancel template refers to. */
  private lastRedEbmId: string | undefined;

  /** A fresh message (new identifiers) for `region`, sent at `now`. */
  build(id: AlertTemplateId, region: string, now = Date.now()): string {
    switch (id) {
      case 'red-details': return this.red(region, now);
      case 'yellow': return this.yellow(region, now);
      case 'cancel-red': return this.cancelRed(region, now);
      case 'drill': return this.drill(region, now);
      case 'scte18': return toHex(scte18Section({
        eventId: (now / 1000 + this.serial++) & 0xffff, sequence: this.serial & 0x1f, priority: 7, eventCode: 'SVR',
        nature: '强对流天气', text: '强对流天气黄色预警：未来两小时有雷雨大风，请注意防范。', durationMinutes: 60,
      }));
    }
  }

  private ebmId(region: string, now: number): string {
    return `${region.slice(0, 6)}${'0'.repeat(17)}${beijing(now).slice(0, 10).replace(/-/g, '')}${pad(++this.serial % 10_000, 4)}`;
  }

  private ebd(ebmId: string, region: string, now: number, inner: string, related = ''): string {
    return `<?xml version="1.0" encoding="UTF-8"?>
<EBD>
  <EBDVersion>1</EBDVersion>
  <EBDID>01${region.slice(0, 6)}${pad(++this.serial, 12)}</EBDID>
  <EBDType>EBM</EBDType>
  <SRC><EBRID>${region.slice(0, 6)}000000000000001</EBRID></SRC>
  <EBDTime>${ebTime(now)}</EBDTime>
  <EBM>
    <EBMVersion>1</EBMVersion>
    <EBMID>${ebmId}</EBMID>${related}
${inner}
  </EBM>
</EBD>
`;
  }

  private basicInfo(msgType: number, severity: number, now: number, endMs?: number): string {
    return `    <MsgBasicInfo>
      <MsgType>${msgType}</MsgType>
      <SenderName>模拟器应急广播平台</SenderName>
      <SenderCode>000000000000000000001</SenderCode>
      <SendTime>${ebTime(now)}</SendTime>
      <EventType>11B06</EventType>
      <Severity>${severity}</Severity>
      <StartTime>${ebTime(now)}</StartTime>${endMs === undefined ? '' : `
      <EndTime>${ebTime(endMs)}</EndTime>`}
    </MsgBasicInfo>`;
  }

  private red(region: string, now: number): string {
    const id = this.ebmId(region, now);
    this.lastRedEbmId = id;
    return this.ebd(id, region, now, `${this.basicInfo(1, 1, now, now + 1_800_000)}
    <MsgContent>
      <LanguageCode>zho</LanguageCode>
      <MsgTitle>特大暴风红色预警</MsgTitle>
      <MsgDesc>未来6小时本区将出现12级以上大风。请立即停止户外活动，留在坚固建筑物内，远离门窗。请收看应急频道了解最新情况。</MsgDesc>
      <AreaCode>${areaCode(region)}</AreaCode>
      <ProgramNum>${TEMPLATE_DETAILS_CHANNEL}</ProgramNum>
    </MsgContent>`);
  }

  private cancelRed(region: string, now: number): string {
    const target = this.lastRedEbmId ?? '(build the red template first: its EBMID goes here)';
    return this.ebd(this.ebmId(region, now), region, now, this.basicInfo(2, 1, now), `
    <RelatedInfo><EBMID>${target}</EBMID></RelatedInfo>`);
  }

  private drill(region: string, now: number): string {
    return this.ebd(this.ebmId(region, now), region, now, `${this.basicInfo(5, 3, now, now + 600_000)}
    <MsgContent>
      <LanguageCode>zho</LanguageCode>
      <MsgTitle>应急广播终端演练</MsgTitle>
      <MsgDesc>这是一次应急广播终端演练，不是真实预警。</MsgDesc>
      <AreaCode>${areaCode(region)}</AreaCode>
    </MsgContent>`);
  }

  private yellow(region: string, now: number): string {
    const identifier = `YW-EMU-${region}-${now}-${++this.serial}`;
    return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${identifier}</identifier>
  <sender>emulator@yiwang.example.cn</sender>
  <sent>${beijing(now)}</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>大风</event>
    <urgency>Expected</urgency>
    <severity>Moderate</severity>
    <certainty>Likely</certainty>
    <expires>${beijing(now + 3_600_000)}</expires>
    <senderName>模拟器气象台</senderName>
    <headline>大风黄色预警</headline>
    <description>预计今天下午到夜间将出现6级以上大风，阵风8级。</description>
    <instruction>请加固门窗和室外物品，远离广告牌和临时搭建物。</instruction>
    <area>
      <areaDesc>模拟区域</areaDesc>
      <geocode><valueName>GB/T 2260</valueName><value>${region}</value></geocode>
    </area>
  </info>
</alert>
`;
  }
}

// ---------------------------------------------------------------------------------------------------
// SCTE 18 cable_emergency_alert() (table_id 0xD8), for the in-band template
// ---------------------------------------------------------------------------------------------------

export interface Scte18Spec {
  readonly eventId: number;
  /** 0–31; a repeat with the same number is dropped as a duplicate. */
  readonly sequence: number;
  /** 0 test, 3 low, 7 medium, 11 high, 15 maximum. */
  readonly priority: number;
  readonly eventCode: string;
  readonly nature: string;
  readonly text: string;
  readonly durationMinutes: number;
  readonly major?: number;
  readonly minor?: number;
}

const u16 = (v: number): number[] => [(v >> 8) & 0xff, v & 0xff];

/** A multiple_string_structure (ATSC A/65 §6.10) with one string in `lang`: Latin-1 when it fits, else UTF-16. */
function mss(text: string, lang: string): number[] {
  const latin1 = Array.from(text).every((c) => (c.codePointAt(0) ?? 0) < 0x100);
  const bytes = latin1
    ? Array.from(text, (c) => c.charCodeAt(0))
    : Array.from(text).flatMap((c) => Array.from({ length: c.length }, (_, i) => u16(c.charCodeAt(i))).flat());
  return [1, ...Array.from(lang, (c) => c.charCodeAt(0)), 1, 0, latin1 ? 0x00 : 0x3f, bytes.length, ...bytes];
}

/** One section, CRC-32/MPEG-2 included; location 0.0.0 (everywhere), no exceptions, no descriptors. */
export function scte18Section(spec: Scte18Spec): Uint8Array {
  const code = Array.from(spec.eventCode, (c) => c.charCodeAt(0) & 0xff);
  const nature = mss(spec.nature, 'zho');
  const text = mss(spec.text, 'zho');
  const body = [
    ...u16(0), 0xc0 | ((spec.sequence & 0x1f) << 1) | 1, 0, 0, // table_id_extension, version/sequence, section numbers
    0, // protocol_version
    ...u16(spec.eventId),
    ...Array.from('CIV', (c) => c.charCodeAt(0)),
    code.length, ...code,
    nature.length, ...nature,
    0, // alert_message_time_remaining: until updated or cancelled
    0, 0, 0, 0, // event_start_time: now
    ...u16(spec.durationMinutes),
    0xff, 0xf0 | (spec.priority & 0x0f),
    ...u16(0), // details_OOB_source_ID
    ...u16(0xfc00 | (spec.major ?? 0)), ...u16(0xfc00 | (spec.minor ?? 0)),
    ...u16(0), // audio_OOB_source_ID
    ...u16(text.length), ...text,
    1, 0, 0x0c, 0, // one location: state 0, subdivision 0, county 0
    0, // exception_count
    0xfc, 0, // descriptors_length
  ];
  const length = body.length + 4;
  const bytes = new Uint8Array([0xd8, 0xb0 | (length >> 8), length & 0xff, ...body, 0, 0, 0, 0]);
  const crc = crc32Mpeg(bytes, 0, bytes.length - 4);
  bytes.set([(crc >>> 24) & 0xff, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff], bytes.length - 4);
  return bytes;
}

/** Bytes as hex, 16 to a line. */
export function toHex(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    lines.push(Array.from(bytes.subarray(i, i + 16), (b) => b.toString(16).padStart(2, '0')).join(' '));
  }
  return `${lines.join('\n')}\n`;
}

/** The bytes of a hex dump (white space and an optional 0x prefix allowed), or undefined when it is not one. */
export function fromHex(text: string): Uint8Array | undefined {
  const digits = text.replace(/0x/gi, '').replace(/\s+/g, '');
  if (digits === '' || digits.length % 2 !== 0 || !/^[0-9a-f]+$/i.test(digits)) return undefined;
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return out;
}
