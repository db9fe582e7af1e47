/**
 * The SDK's default display code and text for every block reason. Card reasons take the CDCAS 3.0 user text
 * and `E` + the two hex digits of its `ShowBuyMessage` code (`noCard` → `E03 加扰节目，请插入智能卡`), the
 * most widely deployed prompt set in China's cable networks; DCAS and `unknown` have their own. Operators
 * override any of them by configuration (`caPromptConfigFromJson`).
 */
import { CA_BLOCK_REASONS, type CaBlockReason } from './ca-events.js';
import type { CaPromptConfig, CaPromptText } from './conditional-access-types.js';
import { CDCAS_PROMPTS } from './vendors/cdcas.js';

const NOT_FROM_CDCAS: Readonly<Partial<Record<CaBlockReason, Required<CaPromptText>>>> = {
  terminalNotActivated: { code: 'D01', text: '终端未激活，请联系运营商' },
  terminalNotAuthenticated: { code: 'D02', text: '终端认证失败，请重启机顶盒或联系运营商' },
  unknown: { code: 'E99', text: '节目暂时无法收看，请联系运营商' },
};

function defaultFor(reason: CaBlockReason): Required<CaPromptText> {
  const own = NOT_FROM_CDCAS[reason];
  if (own) return own;
  // The first CDCAS code of the reason names it (0x04 over 0x19 for noOperator, 0x0F over 0x16 for upgrading).
  const cdcas = CDCAS_PROMPTS.find((p) => p.reason === reason && p.text !== undefined);
  if (!cdcas?.text) return { code: 'E99', text: '节目暂时无法收看，请联系运营商' };
  return { code: `E${cdcas.code.toString(16).toUpperCase().padStart(2, '0')}`, text: cdcas.text };
}

export const DEFAULT_CA_PROMPTS: Readonly<Record<CaBlockReason, Required<CaPromptText>>> =
  Object.fromEntries(CA_BLOCK_REASONS.map((reason) => [reason, defaultFor(reason)])) as Record<CaBlockReason, Required<CaPromptText>>;

/**
 * The code and text shown for `reason`: the operator's entry when configured, else the default. An operator
 * entry without a code shows no code (operators that want none leave it out).
 */
export function describeCaReason(reason: CaBlockReason, config?: CaPromptConfig): CaPromptText {
  return config?.[reason] ?? DEFAULT_CA_PROMPTS[reason];
}
