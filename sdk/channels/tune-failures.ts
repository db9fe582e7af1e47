/**
 * Building typed tune failures: the HbbTV error state comes from the error name, and player errors map to
 * the channel-change set (a URL that cannot be loaded is `cannotResolveUri`, an unplayable source
 * `notSupported`, a play cut short `interrupted`).
 */
import type { CaPromptView } from '../ca/conditional-access-types.js';
import { ErrorCode, YiwangError } from '../errors/yiwang-error.js';
import type { ParentalBlockReason, ProgrammeRef } from '../parental/parental-types.js';
import { TUNE_ERRORS, type Channel, type TuneCaBlock, type TuneErrorCode, type TuneFailure } from './channel.js';

export interface TuneFailureDetails {
  readonly channel?: Channel;
  readonly ca?: TuneCaBlock;
  readonly parentalReason?: ParentalBlockReason;
  readonly parentalProgramme?: ProgrammeRef;
}

export function tuneFailure(error: TuneErrorCode, message: string, details: TuneFailureDetails = {}): TuneFailure {
  return {
    ok: false, error, hbbtvErrorState: TUNE_ERRORS[error], message,
    ...(details.channel ? { channel: details.channel } : {}),
    ...(details.ca ? { ca: details.ca } : {}),
    ...(details.parentalReason ? { parentalReason: details.parentalReason } : {}),
    ...(details.parentalProgramme ? { parentalProgramme: details.parentalProgramme } : {}),
  };
}

/** The failure for a channel the CA blocks: `notEntitled` when the card lacks the product, else `encrypted`. */
export function caBlockFailure(channel: Channel, prompt: CaPromptView): TuneFailure {
  const ca: TuneCaBlock = {
    reason: prompt.reason, text: prompt.text, ...(prompt.displayCode === undefined ? {} : { displayCode: prompt.displayCode }),
  };
  const error = prompt.reason === 'notEntitled' ? 'notEntitled' : 'encrypted';
  const code = prompt.displayCode === undefined ? '' : `${prompt.displayCode} `;
  return tuneFailure(error, `${channel.name} (${String(channel.number)}) is blocked by conditional access: ${code}${prompt.text}`, { channel, ca });
}

/** The failure for a player error while tuning to `channel`. */
export function playerFailure(channel: Channel, error: unknown): TuneFailure {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof YiwangError ? error.code : undefined;
  let tuneError: TuneErrorCode = 'unidentified';
  if (code === ErrorCode.PlayerLoadFailed) tuneError = 'cannotResolveUri';
  else if (code === ErrorCode.PlayerSourceUnsupported) tuneError = 'notSupported';
  else if (code === ErrorCode.PlayerInterrupted) tuneError = 'interrupted';
  return tuneFailure(tuneError, `${channel.name} (${String(channel.number)}) cannot be played: ${message}`, { channel });
}
