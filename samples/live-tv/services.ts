// Opens what the live-TV app runs on, all through the SDK's public API: the box, the lineup (headend JSON +
// the box's service list), the guide, the player, the CA session with the operator's prompt texts, parental
// control, the tuner and the system UI layer (CA prompts, OSD, fingerprint, mail, IPPV and PIN dialogs).
import {
  caPromptConfigFromJson, createHtml5Player, createTestCardRenderer, createTuner, currentPlatform, mountSystemUi, openConditionalAccess,
  openLineup, openParentalControl,
  type CaPromptConfig, type ConditionalAccess, type Lineup, type ParentalControl, type PlatformAdapter, type Player,
  type Channel, type SystemUi, type Tuner,
} from '../../sdk/index.js';
import { LiveGuide } from './live-guide.js';

export interface LiveTvServiceOptions {
  /** The box. Default `currentPlatform()`. */
  readonly platform?: PlatformAdapter;
  /** The headend's JSON lineup. Default `/api/lineup`. */
  readonly lineupUrl?: string;
  /** The operator's CA prompt texts (`{reason: {code, text}}`). Default `/api/ca-prompts`; false for the SDK's own. */
  readonly caPromptsUrl?: string | false;
  /** A guide imported in the background when the guide store is empty. Default `/api/guide.xml`; false for none. */
  readonly guideUrl?: string | false;
  /**
   * Prefix of the app's IndexedDB databases (`<prefix>-channels`, `<prefix>-parental`, `<prefix>-epg`), for
   * tests that want a clean box. Default: the SDK's database names, shared with the other apps on the box.
   */
  readonly dbPrefix?: string;
  /** Wrong PINs in a row before parental control locks out; default the SDK's (3). */
  readonly pinAttempts?: number;
}

export interface LiveTvServices {
  readonly platform: PlatformAdapter;
  readonly lineup: Lineup;
  readonly guide: LiveGuide;
  readonly player: Player;
  readonly ca?: ConditionalAccess;
  readonly parental: ParentalControl;
  readonly tuner: Tuner;
  readonly systemUi: SystemUi;
  close(): void;
}

/** Fetches the operator's prompt texts; a missing or bad file keeps the SDK's texts (and says why). */
async function fetchCaPrompts(url: string): Promise<CaPromptConfig | undefined> {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${String(response.status)} ${response.statusText}`);
    return caPromptConfigFromJson(await response.json());
  } catch (error) {
    console.warn(`[live-tv] operator CA prompts from ${url} not used; the SDK's texts show instead:`, error);
    return undefined;
  }
}

export async function openLiveTvServices(options: LiveTvServiceOptions = {}): Promise<LiveTvServices> {
  const platform = options.platform ?? currentPlatform();
  const prefix = options.dbPrefix;
  const guide = new LiveGuide({
    platform,
    ...(prefix === undefined ? {} : { name: `${prefix}-epg` }),
    ...(options.guideUrl === false ? {} : { fallbackUrl: options.guideUrl ?? '/api/guide.xml' }),
  });
  const caPromptsUrl = options.caPromptsUrl ?? '/api/ca-prompts';
  const [lineup, parental, prompts] = await Promise.all([
    openLineup({ url: options.lineupUrl ?? '/api/lineup', platform, ...(prefix === undefined ? {} : { dbName: `${prefix}-channels` }) }),
    openParentalControl({
      ...(prefix === undefined ? {} : { dbName: `${prefix}-parental` }),
      ...(options.pinAttempts === undefined ? {} : { maxAttempts: options.pinAttempts }),
    }),
    caPromptsUrl === false ? Promise.resolve(undefined) : fetchCaPrompts(caPromptsUrl),
    guide.ready,
  ]);
  for (const warning of lineup.warnings) console.warn(`[live-tv] lineup item skipped: ${warning.path}: ${warning.message}`);

  const programmeTitle = (channel: Channel): Promise<string | undefined> => guide.titleNow(channel);
  // The box's decoder when it has one; elsewhere (a desktop browser) the SDK's HTML5 player, drawing
  // channels without a URL as the test card.
  const player = platform.createPlayer?.({ programmeTitle })
    ?? createHtml5Player({ programmeTitle, channelRenderer: createTestCardRenderer() });
  const ca = platform.ca ? openConditionalAccess(platform.ca, prompts ? { prompts } : {}) : undefined;
  const tuner = createTuner({
    lineup, player, platform, parental,
    ...(ca ? { ca } : {}),
    programmeAt: (channel: Channel, at: number) => guide.programmeAt(channel, at),
  });
  const systemUi = mountSystemUi({ platform, parental, ...(ca ? { ca } : {}) });

  return {
    platform, lineup, guide, player, parental, tuner, systemUi,
    ...(ca ? { ca } : {}),
    close() {
      tuner.close();
      systemUi.unmount();
      ca?.close();
      player.destroy();
      parental.close();
      lineup.close();
      guide.close();
    },
  };
}
