/**
 * Novel-SuperTV (永新视博) CDCAS 3.0: the blocking prompts of `CDSTBCA_ShowBuyMessage(ecmPid, type)`, the
 * `CDCA_RC_*` command results, and the codes of its other UI callbacks (OSD style, mail icon, progress strip,
 * IPPV dialog type). Source: the CDCAS 3.0 porting header (`CDCAS_CALIB_APIEX_H`), summarized in
 * shared/reference/epg-ca-companion.md §B1. Registers itself as vendor `cdcas3`.
 */
import type { CaBlockReason, OsdPosition } from '../ca-events.js';
import type { CaVendorPrompt, CaVendorResult, CaVendorTable } from './ca-vendor.js';
import { registerCaVendor } from './ca-vendor-registry.js';

export const CDCAS_VENDOR = 'cdcas3';

const prompt = (code: number, name: string, reason: CaBlockReason | 'clear', text?: string): CaVendorPrompt =>
  text === undefined ? { code, name: `CDCA_MESSAGE_${name}_TYPE`, reason } : { code, name: `CDCA_MESSAGE_${name}_TYPE`, reason, text };

/** `ShowBuyMessage` types 0x00–0x21 (0x1A–0x1F are not defined and read as `unknown`). */
export const CDCAS_PROMPTS: readonly CaVendorPrompt[] = [
  prompt(0x00, 'CANCEL', 'clear'),
  prompt(0x01, 'BADCARD', 'badCard', '无法识别卡'),
  prompt(0x02, 'EXPICARD', 'expired', '智能卡过期，请更换新卡'),
  prompt(0x03, 'INSERTCARD', 'noCard', '加扰节目，请插入智能卡'),
  prompt(0x04, 'NOOPER', 'noOperator', '卡中不存在节目运营商'),
  prompt(0x05, 'BLACKOUT', 'blackout', '条件禁播'),
  prompt(0x06, 'OUTWORKTIME', 'outOfWorkTime', '当前时段被设定为不能观看'),
  prompt(0x07, 'WATCHLEVEL', 'ratingTooHigh', '节目级别高于设定的观看级别'),
  prompt(0x08, 'PAIRING', 'notPaired', '智能卡与本机顶盒不对应'),
  prompt(0x09, 'NOENTITLE', 'notEntitled', '没有授权'),
  prompt(0x0A, 'DECRYPTFAIL', 'decryptFail', '节目解密失败'),
  prompt(0x0B, 'NOMONEY', 'noMoney', '卡内金额不足'),
  prompt(0x0C, 'ERRREGION', 'wrongRegion', '区域不正确'),
  prompt(0x0D, 'NEEDFEED', 'needParentCard', '子卡需要和母卡对应，请插入母卡'),
  prompt(0x0E, 'ERRCARD', 'cardVerifyFailed', '智能卡校验失败'),
  prompt(0x0F, 'UPDATE', 'cardUpgrading', '智能卡升级中，请不要拔卡或者关机'),
  prompt(0x10, 'LOWCARDVER', 'upgradeCard', '请升级智能卡'),
  prompt(0x11, 'VIEWLOCK', 'zappingTooFast', '请勿频繁切换频道'),
  prompt(0x12, 'MAXRESTART', 'cardSleeping', '智能卡暂时休眠，请5分钟后重新开机'),
  prompt(0x13, 'FREEZE', 'cardFrozen', '智能卡已冻结'),
  prompt(0x14, 'CALLBACK', 'cardPaused', '智能卡已暂停，请回传收视记录'),
  prompt(0x15, 'CURTAIN', 'preview', '高级预览节目'),
  // 0x16–0x18: an upgrade test card reports its own test; only the failure keeps the picture from the viewer.
  prompt(0x16, 'CARDTESTSTART', 'cardUpgrading', '升级测试卡测试中'),
  prompt(0x17, 'CARDTESTFAILD', 'cardVerifyFailed', '升级测试卡测试失败，请检查机卡通讯模块'),
  prompt(0x18, 'CARDTESTSUCC', 'unknown', '升级测试卡测试成功'),
  prompt(0x19, 'NOCALIBOPER', 'noOperator', '卡中不存在移植库定制运营商'),
  prompt(0x20, 'STBLOCKED', 'restartRequired', '请重启机顶盒'),
  prompt(0x21, 'STBFREEZE', 'stbFrozen', '机顶盒被冻结'),
];

const rc = (code: number, name: string, result: CaVendorResult['result']): CaVendorResult => ({ code, name: `CDCA_RC_${name}`, result });

/** `CDCA_RC_*` results. CDCAS has no PIN-lock or wallet result of its own: those come from other vendors. */
export const CDCAS_RESULTS: readonly CaVendorResult[] = [
  rc(0x00, 'OK', 'ok'),
  rc(0x01, 'UNKNOWN', 'unknown'),
  rc(0x02, 'POINTER_INVALID', 'unknown'),
  rc(0x03, 'CARD_INVALID', 'noCard'),
  rc(0x04, 'PIN_INVALID', 'pinInvalid'),
  rc(0x06, 'DATASPACE_SMALL', 'unknown'),
  rc(0x07, 'CARD_PAIROTHER', 'cardPairedOther'),
  rc(0x08, 'DATA_NOT_FIND', 'unknown'),
  rc(0x09, 'PROG_STATUS_INVALID', 'offerExpired'),
  rc(0x0A, 'CARD_NO_ROOM', 'cardNoRoom'),
  rc(0x0B, 'WORKTIME_INVALID', 'workTimeInvalid'),
  rc(0x0C, 'IPPV_CANNTDEL', 'notSupported'),
  rc(0x0D, 'CARD_NOPAIR', 'unknown'),
  rc(0x0E, 'WATCHRATING_INVALID', 'ratingInvalid'),
  rc(0x0F, 'CARD_NOTSUPPORT', 'notSupported'),
  rc(0x10, 'DATA_ERROR', 'unknown'),
  rc(0x11, 'FEEDTIME_NOT_ARRIVE', 'feedTimeNotArrived'),
  rc(0x12, 'CARD_TYPEERROR', 'unknown'),
  rc(0x20, 'CAS_FAILED', 'unknown'),
  rc(0x21, 'OPER_FAILED', 'unknown'),
];

/** `ShowOSDMessage` style → position (1 top scroll, 2 bottom scroll, 3 full screen, 4 half screen). */
export const CDCAS_OSD_STYLES: Readonly<Record<number, OsdPosition>> = { 1: 'top', 2: 'bottom', 3: 'full', 4: 'half' };

/** `EmailNotifyIcon` show → icon state (0 hide, 1 new mail, 2 mailbox full: blinking). */
export const CDCAS_EMAIL_ICONS: Readonly<Record<number, 'none' | 'new' | 'full'>> = { 0: 'none', 1: 'new', 2: 'full' };

/** `ShowProgressStrip` mark → upgrade phase (1 receiving the patch, 2 patching). */
export const CDCAS_PROGRESS_MARKS: Readonly<Record<number, 'receiving' | 'patching'>> = { 1: 'receiving', 2: 'patching' };

/** `StartIppvBuyDlg` type → offer stage (0 free-preview segment, 1 paid segment, 2 IPPT). */
export const CDCAS_IPPV_STAGES: Readonly<Record<number, 'freePreview' | 'paid' | 'ippt'>> = { 0: 'freePreview', 1: 'paid', 2: 'ippt' };

export const CDCAS_TABLE: CaVendorTable = {
  id: CDCAS_VENDOR,
  label: 'Novel-SuperTV CDCAS 3.0',
  caSystemIds: [0x4A02],
  prompts: CDCAS_PROMPTS,
  results: CDCAS_RESULTS,
};

registerCaVendor(CDCAS_TABLE);
