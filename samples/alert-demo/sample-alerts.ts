// Sample alerts the demo injects locally: CAP (GB/T 35965 profile) and China EB platform messages (EBD/EBM),
// made up for the demo (identifiers, codes and texts are not real), timed from now and aimed at the box's
// region so the manager shows them.

/** A sample the demo can inject. */
export type SampleId = 'red' | 'orange' | 'yellow' | 'blue' | 'drill';

export interface SampleMessage {
  readonly id: SampleId;
  /** XML as a platform or the 12379 feed would send it. */
  readonly xml: string;
  /** The key the manager will hold it under (`cap:<sender>/<identifier>` or `ebm:<EBMID>`). */
  readonly key: string;
  /** A message that cancels this one (for a drill: one a real alert's cancel would be; managers ignore it). */
  cancel(): string;
}

export const SAMPLE_LABELS: Readonly<Record<SampleId, string>> = {
  red: '红色 Ⅰ级 · 地震 (转播应急频道)',
  orange: '橙色 Ⅱ级 · 暴雨',
  yellow: '黄色 Ⅲ级 · 大风',
  blue: '蓝色 Ⅳ级 · 大雾',
  drill: '演练 · 应急广播终端演练',
};

/** The demo's details channel: level-1 alerts force-tune here. */
export const EMERGENCY_CHANNEL_NUMBER = 99;

const SENDER = 'demo@yiwang.example.cn';
let serial = 0;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2025-07-01T14:30:00+08:00` (CAP, Beijing time). */
function capTime(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
}

/** `2025-07-01 14:30:00` (EB platform time: Beijing, no zone). */
function ebTime(ms: number): string {
  return capTime(ms).slice(0, 19).replace('T', ' ');
}

const escapeXml = (s: string): string => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);

interface CapSample {
  readonly event: string;
  readonly severity: 'Extreme' | 'Severe' | 'Moderate' | 'Minor';
  readonly colour: string;
  readonly headline: string;
  readonly description: string;
  readonly instruction: string;
}

const CAP_SAMPLES: Readonly<Record<'orange' | 'yellow' | 'blue', CapSample>> = {
  orange: {
    event: '暴雨', severity: 'Severe', colour: '橙色',
    headline: '市气象台发布暴雨橙色预警信号',
    description: '预计未来3小时内本区将出现50毫米以上降雨，局地伴有雷电和短时大风，低洼地区可能积水。',
    instruction: '请避免外出，远离河道、地下通道和低洼地带；驾车绕开积水路段。',
  },
  yellow: {
    event: '大风', severity: 'Moderate', colour: '黄色',
    headline: '市气象台发布大风黄色预警信号',
    description: '预计今天下午到夜间本区将出现6级以上大风，阵风8级。',
    instruction: '请加固门窗和室外物品，远离广告牌和临时搭建物。',
  },
  blue: {
    event: '大雾', severity: 'Minor', colour: '蓝色',
    headline: '市气象台发布大雾蓝色预警信号',
    description: '预计今天早晨本区将出现能见度小于500米的雾。',
    instruction: '驾车请减速慢行，注意交通安全。',
  },
};

function capAlert(id: 'orange' | 'yellow' | 'blue', region: string, now: number): SampleMessage {
  const s = CAP_SAMPLES[id];
  const identifier = `YW-DEMO-${region}-${now}-${++serial}`;
  const sent = capTime(now);
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${identifier}</identifier>
  <sender>${SENDER}</sender>
  <sent>${sent}</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>${s.event}</event>
    <urgency>Expected</urgency>
    <severity>${s.severity}</severity>
    <certainty>Likely</certainty>
    <effective>${sent}</effective>
    <expires>${capTime(now + 3_600_000)}</expires>
    <senderName>一网演示气象台</senderName>
    <headline>${escapeXml(s.headline)}</headline>
    <description>${escapeXml(s.description)}</description>
    <instruction>${escapeXml(s.instruction)}</instruction>
    <parameter><valueName>预警级别</valueName><value>${s.colour}</value></parameter>
    <area>
      <areaDesc>演示区域</areaDesc>
      <geocode><valueName>GB/T 2260</valueName><value>${region}</value></geocode>
    </area>
  </info>
</alert>`;
  return {
    id, xml, key: `cap:${SENDER}/${identifier}`,
    cancel: () => {
      const cancelAt = Date.now();
      return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${identifier}-C${++serial}</identifier>
  <sender>${SENDER}</sender>
  <sent>${capTime(cancelAt)}</sent>
  <status>Actual</status>
  <msgType>Cancel</msgType>
  <scope>Public</scope>
  <references>${SENDER},${identifier},${sent}</references>
</alert>`;
    },
  };
}

function ebdMessage(msgType: 1 | 2 | 5, ebmId: string, region: string, now: number, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<EBD>
  <EBDVersion>1</EBDVersion>
  <EBDID>01${region}${pad(++serial, 12)}</EBDID>
  <EBDType>EBM</EBDType>
  <SRC><EBRID>${region}000000000000001</EBRID></SRC>
  <EBDTime>${ebTime(now)}</EBDTime>
  <EBM>
    <EBMVersion>1</EBMVersion>
    <EBMID>${ebmId}</EBMID>${body.replace('{MsgType}', String(msgType))}
  </EBM>
</EBD>`;
}

function ebmId(region: string, now: number): string {
  // 23-digit resource code + yyyymmdd + 4-digit sequence (made up).
  const day = capTime(now).slice(0, 10).replace(/-/g, '');
  return `${region}${'0'.repeat(17)}${day}${pad(++serial % 10_000, 4)}`;
}

function ebdAlert(id: 'red' | 'drill', region: string, now: number): SampleMessage {
  const eb = ebmId(region, now);
  const red = id === 'red';
  const body = `
    <MsgBasicInfo>
      <MsgType>{MsgType}</MsgType>
      <SenderName>一网演示应急广播平台</SenderName>
      <SenderCode>${region}000000000000001</SenderCode>
      <SendTime>${ebTime(now)}</SendTime>
      <EventType>${red ? '11A01' : '11B06'}</EventType>
      <Severity>${red ? 1 : 3}</Severity>
      <StartTime>${ebTime(now)}</StartTime>
      <EndTime>${ebTime(now + (red ? 1_800_000 : 600_000))}</EndTime>
    </MsgBasicInfo>
    <MsgContent>
      <LanguageCode>zho</LanguageCode>
      <MsgTitle>${red ? '地震预警：强烈地震即将到达' : '应急广播终端演练：大风黄色预警'}</MsgTitle>
      <MsgDesc>${red
    ? '本区即将出现强烈震感。请立即就近躲避：远离窗户和悬挂物，蹲下、掩护、抓牢；震动停止后迅速有序撤离到空旷地带。请收看应急频道了解最新情况。'
    : '这是一次应急广播终端演练，不是真实预警。'}</MsgDesc>
      <AreaCode>${region.padEnd(12, '0').slice(0, 12)}</AreaCode>${red ? `
      <ProgramNum>${EMERGENCY_CHANNEL_NUMBER}</ProgramNum>` : ''}
    </MsgContent>`;
  const xml = ebdMessage(red ? 1 : 5, eb, region, now, body);
  return {
    id, xml, key: `ebm:${eb}`,
    cancel: () => ebdMessage(2, ebmId(region, Date.now()), region, Date.now(), `
    <RelatedInfo><EBMID>${eb}</EBMID></RelatedInfo>
    <MsgBasicInfo>
      <MsgType>{MsgType}</MsgType>
      <SenderName>一网演示应急广播平台</SenderName>
      <SenderCode>${region}000000000000001</SenderCode>
      <SendTime>${ebTime(Date.now())}</SendTime>
      <EventType>${red ? '11A01' : '11B06'}</EventType>
      <Severity>${red ? 1 : 3}</Severity>
    </MsgBasicInfo>`),
  };
}

/** A fresh sample message (new identifiers each time) for `region`, sent now. */
export function sampleAlert(id: SampleId, region: string, now = Date.now()): SampleMessage {
  return id === 'red' || id === 'drill' ? ebdAlert(id, region, now) : capAlert(id, region, now);
}
