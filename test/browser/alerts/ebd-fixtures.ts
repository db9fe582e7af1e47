/**
 * SYNTHETIC emergency-broadcast (EBD/EBM) messages written for these tests. There are no public real
 * samples; the structure follows GD/J 083 / GY/T 384 as summarised in shared/reference/alerts.md §3, and
 * every identifier, resource code and area code below is made up (valid-looking, not real).
 */

/** 35-digit EBMID: 23-digit resource code + yyyymmdd + 4-digit sequence (made up). */
export const EBM_ID = '34101000000000000000101202507010001';
export const EBM_ID_EARLIER = '34101000000000000000101202506300007';

export interface EbdOptions {
  readonly msgType?: string;
  readonly severity?: string;
  readonly related?: readonly string[];
  readonly ebmId?: string;
  /** Replaces the whole MsgContent list. */
  readonly contents?: string;
  readonly sendTime?: string;
  readonly startTime?: string;
  readonly endTime?: string;
  readonly ebdType?: string;
}

/** A full platform message: one EBD envelope, one EBM, Chinese and English content. */
export function ebd(o: EbdOptions = {}): string {
  const related = o.related === undefined ? '' : `
    <RelatedInfo>${o.related.map((id) => `<EBMID>${id}</EBMID>`).join('')}</RelatedInfo>`;
  const contents = o.contents ?? `
    <MsgContent>
      <LanguageCode>zho</LanguageCode>
      <MsgTitle>合肥市气象台发布大风蓝色预警</MsgTitle>
      <MsgDesc>预计今天下午到夜间，我市将出现6级以上大风，阵风8级。请注意防范。</MsgDesc>
      <AreaCode>340102000000,340103000000</AreaCode>
      <AreaCode>340104001000 340111000000、340102000000</AreaCode>
      <ProgramNum>101</ProgramNum>
      <Auxiliary>
        <AuxiliaryType>2</AuxiliaryType>
        <AuxiliaryDesc>EBM_34101000000000000000101202507010001.mp3</AuxiliaryDesc>
        <Size>482304</Size>
        <Digest>3f1a9c0e5b7d2e4f6a8c0b1d3e5f7a9c2b4d6e8f0a1c3e5b7d9f1a3c5e7b9d0f</Digest>
      </Auxiliary>
    </MsgContent>
    <MsgContent>
      <LanguageCode>eng</LanguageCode>
      <MsgTitle>Hefei Meteorological Observatory: gale warning (blue)</MsgTitle>
      <MsgDesc>Winds of force 6 and above this afternoon and tonight, gusts of force 8.</MsgDesc>
      <AreaCode>340102000000</AreaCode>
    </MsgContent>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<EBD>
  <EBDVersion>1</EBDVersion>
  <EBDID>01341010000000000000001010000000000000012</EBDID>
  <EBDType>${o.ebdType ?? 'EBM'}</EBDType>
  <SRC><EBRID>341010000000000000001</EBRID></SRC>
  <DEST><EBRID>341010000000000000002</EBRID></DEST>
  <EBDTime>2025-07-01 09:59:58</EBDTime>
  <EBM>
    <EBMVersion>1</EBMVersion>
    <EBMID>${o.ebmId ?? EBM_ID}</EBMID>${related}
    <MsgBasicInfo>
      <MsgType>${o.msgType ?? '1'}</MsgType>
      <SenderName>合肥市应急广播中心</SenderName>
      <SenderCode>341010000000000000001</SenderCode>
      <SendTime>${o.sendTime ?? '2025-07-01 10:00:00'}</SendTime>
      <EventType>11B06</EventType>
      <Severity>${o.severity ?? '4'}</Severity>
      <StartTime>${o.startTime ?? '2025-07-01 10:05:00'}</StartTime>
      <EndTime>${o.endTime ?? '2025-07-01 22:00:00'}</EndTime>
    </MsgBasicInfo>${contents}
    <Dispatch>
      <EBRAS><EBRID>341010000000000000301</EBRID></EBRAS>
      <EBRAS><EBRID>341010000000000000302</EBRID></EBRAS>
    </Dispatch>
  </EBM>
</EBD>
`;
}

/** A minimal message: only what is required. */
export const MINIMAL = `<EBD><EBDType>EBM</EBDType><EBM><EBMID>${EBM_ID}</EBMID><MsgBasicInfo><MsgType>1</MsgType>`
  + '<SendTime>2025-07-01 10:00:00</SendTime></MsgBasicInfo></EBM></EBD>';
