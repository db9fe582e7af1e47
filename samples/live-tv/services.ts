// Opens what the live-TV app runs on, all through the SDK's public API: the box, the lineup (headend JSON +
// the box's service list), the guide, the player, the CA session with the operator's prompt texts, parental
// control, the tuner, emergency alerts (over everything, force-tuning through the tuner) and the system UI
// layer (CA prompts, OSD, fingerprint, mail, IPPV and PIN dialogs).
import type { Subscription } from 'rxjs';
import {
  connectAlertDelivery, createAlertManager, mountAlertOverlay, parseAlert,
  type AlertDelivery, type AlertInput, type AlertManager, type AlertOrigin, type AlertOverlayHandle,
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
  /**
   * The headend's MQTT-over-WebSocket URL for emergency alerts; false for none (alerts from the box's tuner
   * and QA tools still show). Default `ws(s)://<this host>/mqtt`.
   */
  readonly alertDeliveryUrl?: string | false;
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
  readonly alerts: AlertManager;
  readonly alertOverlay: AlertOverlayHandle;
  close(): void;
}

/**
 * Emergency alerts for the box's region: from the headend (MQTT), the tuner (SCTE 18 in-band) and QA tools
 * (injected XML). The overlay goes up before the system UI and the app's own key listeners, so a level 1–2
 * alert holds the remote first; its force-tune goes through `platform.tune`, which the emulator hands to the
 * app's tuner.
 */
function openAlerts(platform: PlatformAdapter, options: LiveTvServiceOptions): {
  manager: AlertManager; overlay: AlertOverlayHandle; close(): void;
} {
  const location = platform.region === undefined ? {} : { regionCode: platform.region };
  const manager = createAlertManager({ location, ...(options.dbPrefix === undefined ? {} : { dbName: `${options.dbPrefix}-alerts` }) });
  const overlay = mountAlertOverlay(manager, { platform });
  const subscriptions: Subscription[] = [];
  const ingest = (input: AlertInput, origin: AlertOrigin, format?: string): void => {
    try {
      void manager.ingest(parseAlert(input, format), origin).catch((error: unknown) => console.warn('[live-tv] alert not ingested:', error));
    } catch (error) {
      // A malformed alert is rejected and logged; the next one still gets through.
      console.warn(`[live-tv] ${origin} alert rejected:`, error);
    }
  };
  if (platform.inbandAlerts) subscriptions.push(platform.inbandAlerts.subscribe((bytes) => ingest(bytes, 'inband', 'scte18')));
  if (platform.injectedAlerts) subscriptions.push(platform.injectedAlerts.subscribe((input) => ingest(input, 'local')));
  const url = options.alertDeliveryUrl
    ?? `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/mqtt`;
  let delivery: AlertDelivery | undefined;
  // A box without a region still takes national alerts (the topic chain is then the root alone).
  if (url !== false) delivery = connectAlertDelivery(manager, { url, location });
  return {
    manager, overlay,
    close() {
      for (const s of subscriptions) s.unsubscribe();
      void delivery?.close();
      overlay.unmount();
      manager.close();
    },
  };
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
  const alerts = openAlerts(platform, options);
  const systemUi = mountSystemUi({ platform, parental, ...(ca ? { ca } : {}) });

  return {
    platform, lineup, guide, player, parental, tuner, systemUi, alerts: alerts.manager, alertOverlay: alerts.overlay,
    ...(ca ? { ca } : {}),
    close() {
      tuner.close();
      alerts.close();
      systemUi.unmount();
      ca?.close();
      player.destroy();
      parental.close();
      lineup.close();
      guide.close();
    },
  };
}
