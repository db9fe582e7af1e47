/**
 * Code values of the emergency-broadcast message (EBM) — GD/J 082-2018 消息格式 / GD/J 083-2018 平台接口,
 * superseded by GY/T 385-2023 / GY/T 384-2023. The clause numbers of the tables were not verified against
 * the standard texts; the values below are the ones seen consistently in vendor platform code (see
 * shared/reference/alerts.md §3).
 *
 * - `MsgType`: 1 实际播发, 2 取消播发, 3/4/5 演练播发 (platform / head-end / terminal drill).
 * - `Severity`: 1 特别重大 (I, red) … 4 一般 (IV, blue); 0 = unknown. Some platforms add 10/15/21–23
 *   for routine, test and drill messages; those have no level and map to the default.
 * - `EventType`: a 5-character code of the national emergency-event classification; the full table was not
 *   available, so only codes known for certain are named, and the class (first two digits) otherwise.
 * - Auxiliary types follow the EB content table (cable TS): 1 MP2, 2 MP3, 3 DRA, 4 DRA+, 41 PNG, 42 JPEG,
 *   43 GIF, 61 audio/video stream. The XML interface is assumed to use the same numbers.
 */
import type { AlertLevel, AlertMsgType, AlertStatus } from '../../model.js';

// ---------------------------------------------------------------------------------------------------
// MsgType
// ---------------------------------------------------------------------------------------------------

export type EbmDrillKind = 'platform' | 'headend' | 'terminal';

export interface EbmMsgTypeInfo {
  readonly status: AlertStatus;
  readonly msgType: AlertMsgType;
  /** Chinese name (实际播发 and 取消播发 as in the standard; the drill names describe the kind). */
  readonly name: string;
  readonly drill?: EbmDrillKind;
}

export const EBM_MSG_TYPES: Readonly<Record<number, EbmMsgTypeInfo>> = {
  1: { status: 'actual', msgType: 'alert', name: '实际播发' },
  2: { status: 'actual', msgType: 'cancel', name: '取消播发' },
  3: { status: 'exercise', msgType: 'alert', name: '平台演练', drill: 'platform' },
  4: { status: 'exercise', msgType: 'alert', name: '前端演练', drill: 'headend' },
  5: { status: 'exercise', msgType: 'alert', name: '终端演练', drill: 'terminal' },
};

// ---------------------------------------------------------------------------------------------------
// Severity
// ---------------------------------------------------------------------------------------------------

/** Level I–IV by Severity value; anything else has no level. */
export const EBM_SEVERITY_LEVELS: Readonly<Record<number, AlertLevel>> = { 1: 1, 2: 2, 3: 3, 4: 4 };

export const EBM_SEVERITY_NAMES: Readonly<Record<number, string>> = {
  0: '未知', 1: '特别重大', 2: '重大', 3: '较大', 4: '一般',
};

/** Values some platforms send for non-emergency messages: known, carry no level, not worth a warning. */
export const EBM_SEVERITY_NON_LEVELS: ReadonlySet<number> = new Set([0, 10, 15, 21, 22, 23]);

// ---------------------------------------------------------------------------------------------------
// EventType
// ---------------------------------------------------------------------------------------------------

/** Names of event codes known for certain. Extend with `registerEbmEventName` when an operator supplies its table. */
const EVENT_NAMES = new Map<string, string>([
  ['11B06', '大风'],
]);

/** The four classes of 突发事件 (emergency-response law), by the first two digits of the code. */
export const EBM_EVENT_CLASSES: Readonly<Record<string, string>> = {
  11: '自然灾害', 12: '事故灾难', 13: '公共卫生事件', 14: '社会安全事件',
};

/** An EventType code: two digits, a letter, two digits (`11B06`). */
export const EBM_EVENT_TYPE_PATTERN = /^\d{2}[A-Z]\d{2}$/;

/** Adds or replaces the Chinese name of an event code. */
export function registerEbmEventName(code: string, name: string): void {
  EVENT_NAMES.set(code.toUpperCase(), name);
}

/** The Chinese name of an event code, when known. */
export function ebmEventName(code: string): string | undefined {
  return EVENT_NAMES.get(code.toUpperCase());
}

/** The class of an event code (`自然灾害` for `11B06`), when its first two digits name one. */
export function ebmEventClass(code: string): string | undefined {
  return EBM_EVENT_CLASSES[code.slice(0, 2)];
}

// ---------------------------------------------------------------------------------------------------
// Auxiliary
// ---------------------------------------------------------------------------------------------------

export interface EbmAuxiliaryTypeInfo {
  readonly name: string;
  readonly mimeType?: string;
  readonly audio: boolean;
}

export const EBM_AUXILIARY_TYPES: Readonly<Record<number, EbmAuxiliaryTypeInfo>> = {
  1: { name: 'MP2', mimeType: 'audio/mpeg', audio: true },
  2: { name: 'MP3', mimeType: 'audio/mpeg', audio: true },
  3: { name: 'DRA', audio: true },
  4: { name: 'DRA+', audio: true },
  41: { name: 'PNG', mimeType: 'image/png', audio: false },
  42: { name: 'JPEG', mimeType: 'image/jpeg', audio: false },
  43: { name: 'GIF', mimeType: 'image/gif', audio: false },
  61: { name: 'audio/video stream', audio: false },
};
