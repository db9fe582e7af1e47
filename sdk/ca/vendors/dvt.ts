/**
 * DVT (数码视讯) CA: the prompt numbers of `DVTSTBCA_ShowPromptMessage(no)` (the remote cannot dismiss them)
 * and the cancel message, from the DVTCAS porting header (`DVTCAS_STBDataPublic.h`, see
 * shared/reference/epg-ca-companion.md §B2). DVT prompts are not tied to an ECM PID: a wrapper reports them
 * for the current service's ECM. Registers itself as vendor `dvt`. Its CA_system_ids vary by network, so the
 * table names none: a wrapper that knows them registers its own copy at APPLICATION priority.
 */
import type { CaBlockReason } from '../ca-events.js';
import type { CaVendorPrompt, CaVendorTable } from './ca-vendor.js';
import { registerCaVendor } from './ca-vendor-registry.js';

export const DVT_VENDOR = 'dvt';

const prompt = (code: number, name: string, reason: CaBlockReason | 'clear', text: string): CaVendorPrompt =>
  ({ code, name: `DVTCA_${name}`, reason, text });

export const DVT_PROMPTS: readonly CaVendorPrompt[] = [
  prompt(0, 'RATING_TOO_LOW', 'ratingTooHigh', '收看级别不够'),
  prompt(1, 'NOT_IN_WATCH_TIME', 'outOfWorkTime', '不在收看时段内'),
  prompt(2, 'NOT_PAIRED', 'notPaired', '没有机卡对应'),
  prompt(3, 'IS_PAIRED_OTHER', 'notPaired', 'IC卡与其它机顶盒对应'),
  prompt(4, 'PLEASE_INSERT_CARD', 'noCard', '请插卡'),
  prompt(5, 'NO_ENTITLE', 'notEntitled', '没有购买此节目'),
  prompt(6, 'PRODUCT_RESTRICT', 'blackout', '运营商限制观看该节目'),
  prompt(7, 'AREA_RESTRICT', 'wrongRegion', '运营商限制区域观看'),
  prompt(8, 'MOTHER_RESTRICT', 'needParentCard', '子卡需与母卡配对'),
  prompt(9, 'NO_MONEY', 'noMoney', '余额不足，请充值'),
  prompt(10, 'IPPV_NO_CONFIRM', 'notEntitled', 'IPPV节目，请确认购买'),
  prompt(11, 'IPPV_NO_BOOK', 'notEntitled', 'IPPV节目未预订'),
  prompt(12, 'IPPT_NO_CONFIRM', 'notEntitled', 'IPPT节目，请确认购买'),
  prompt(13, 'IPPT_NO_BOOK', 'notEntitled', 'IPPT节目未预订'),
  prompt(14, 'IPPV_NO_MONEY', 'noMoney', 'IPPV节目余额不足'),
  prompt(15, 'IPPT_NO_MONEY', 'noMoney', 'IPPT节目余额不足'),
  prompt(16, 'DATA_INVALID', 'decryptFail', '数据无效'),
  prompt(17, 'SLOT_NOT_FOUND', 'noMoney', '钱包不存在'),
  prompt(18, 'SC_NOT_SERVER', 'cardFrozen', 'IC卡被禁止服务'),
  prompt(19, 'TVS_NOT_FOUND', 'noOperator', '运营商不存在'),
  prompt(20, 'KEY_NOT_FOUND', 'cardVerifyFailed', '卡未激活'),
  prompt(21, 'IPPNEED_CALLBACK', 'cardPaused', '请联系运营商回传IPP节目信息'),
  prompt(22, 'FREE_PREVIEWING', 'preview', '免费预览中'),
  // 0xFE cancels the prompt; 0xFF is a card communication hiccup the box shows nothing for (a card reset fixes it).
  prompt(0xFE, 'CANCEL_PROMTMSG', 'clear', ''),
  prompt(0xFF, 'DECRYPT_FAILURE', 'decryptFail', '节目解密失败'),
];

export const DVT_TABLE: CaVendorTable = {
  id: DVT_VENDOR,
  label: 'DVT 数码视讯 CA',
  caSystemIds: [],
  prompts: DVT_PROMPTS,
  results: [],
};

registerCaVendor(DVT_TABLE);
