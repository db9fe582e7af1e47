/**
 * `mountAlertOverlay(manager, options)`: puts emergency alerts on screen over whatever the app shows, and
 * keeps them there until the manager takes them away.
 */
import type { Subscription } from 'rxjs';
import { findKeyProfile } from '../../keys/key-profile-registry.js';
import type { KeyName, KnownKeyName } from '../../keys/key-names.js';
import type { KeyProfile } from '../../keys/key-profile.js';
import type { PlatformAdapter } from '../../platform/platform-adapter.js';
import { currentPlatform } from '../../platform/platform-registry.js';
import type { ActiveAlert, AlertManager } from '../manager/alert-manager-types.js';
import { AlertAudio } from './alert-audio.js';
import { defineAlertOverlayElement, YwAlertOverlay } from './alert-overlay-element.js';
import { ForceTuner } from './force-tune.js';
import { KeepOnTop } from '../../overlays/top-layer/keep-on-top.js';
import { KeyGuard, type KeyDecision } from '../../overlays/top-layer/key-guard.js';
import { TopLayerRank } from '../../overlays/top-layer/top-layer-stack.js';
import { resolveAlertOverlayConfig, type AlertOverlayConfig, type AlertOverlayOptions } from './overlay-options.js';
import { announcementOf, planOverlay, type OverlayView, type ShownAlert } from './overlay-view.js';

/** The part of the alert manager the overlay uses. */
export type AlertOverlaySource = Pick<AlertManager, 'active' | 'drills' | 'dismiss'>;

export interface AlertOverlayHandle {
  /** The `<yw-alert-overlay>` element (last child of `<html>`). */
  readonly element: YwAlertOverlay;
  /** The configuration in use, defaults filled in. */
  readonly config: AlertOverlayConfig;
  /** What is on screen now. */
  view(): OverlayView;
  /** Resolves once the platform calls made so far (tune, volume) have finished. */
  settled(): Promise<void>;
  /**
   * Removes the overlay, gives the keys back, stops the tone, and puts back the volume and the channel the
   * viewer watched. Idempotent.
   */
  unmount(): void;
}

/**
 * Mounts the alert overlay: a `<yw-alert-overlay>` element appended to `<html>` and kept there as its last
 * child, shown in the browser's top layer above the app's dialogs and fullscreen element.
 *
 * - **Level 1–2** (red, orange): the most urgent fills the screen with headline, description, instruction,
 *   event, sender and time; the others in effect are listed on it. The remote is held: no key reaches the
 *   app except `allowedKeys`, and the viewer cannot dismiss it. The attention tone sounds through the box's
 *   volume (raised and unmuted, restored when the last one ends). A level-1 alert with a details channel
 *   force-tunes the box there (unless the channel watched is an exception) and tunes back when it ends.
 * - **Level 3–4** (yellow, blue): a banner crawls right to left along the top, at most `maxBanners` at once
 *   (the rest queue by level). After `minDisplayMs` on screen a `dismissKey` press dismisses the top one
 *   through `manager.dismiss`; before that the key goes to the app.
 * - **Drills** (from `manager.drills`): banners labelled 演练 / DRILL; they never hold keys, sound or tune.
 * - Every new or changed alert is announced through an ARIA live region (`role="alert"`), and read aloud
 *   when `speech` is on.
 *
 * Mount it first, before the app adds its own key listeners: the overlay's capture-phase listener on
 * `window` is then the first to see every key.
 */
export function mountAlertOverlay(manager: AlertOverlaySource, options: AlertOverlayOptions = {}): AlertOverlayHandle {
  const config = resolveAlertOverlayConfig(options);
  const platform = options.platform ?? currentPlatform();
  defineAlertOverlayElement();
  const controller = new AlertOverlayController(manager, platform, config, options.createAudioContext);
  controller.start();
  return {
    element: controller.element,
    config,
    view: () => controller.currentView,
    settled: () => controller.settled(),
    unmount: () => controller.stop(),
  };
}

class AlertOverlayController {
  readonly element: YwAlertOverlay;
  currentView: OverlayView = { mode: 'none' };
  private active: readonly ActiveAlert[] = [];
  private drills: readonly ActiveAlert[] = [];
  /** Dismissed here; hidden until the manager drops them (or for good if it does not). */
  private readonly hidden = new Set<string>();
  /** When each alert was first on screen, for the minimum display time. */
  private readonly shownAt = new Map<string, number>();
  /** What was last announced per alert, so updates are announced and repeats are not. */
  private readonly announced = new Map<string, string>();
  /** Level 1–2 alerts that already had their tone. */
  private readonly sounded = new Set<string>();
  private serial = 0;
  private readonly subscriptions: Subscription[] = [];
  private readonly keys: KeyGuard;
  private readonly keepOnTop: KeepOnTop;
  private readonly audio: AlertAudio;
  private readonly tuner: ForceTuner;
  private hintTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly manager: AlertOverlaySource,
    private readonly platform: PlatformAdapter,
    private readonly config: AlertOverlayConfig,
    createAudioContext: (() => AudioContext) | undefined,
  ) {
    const element = document.createElement('yw-alert-overlay');
    element.colours = config.colours;
    element.dismissKeys = config.dismissKey;
    element.crawlPixelsPerSecond = config.crawlPixelsPerSecond;
    element.timeZone = config.timeZone;
    this.element = element;
    // Ranked above the system UI layer (CA prompts, fingerprint): alerts stay on top of everything.
    this.keepOnTop = new KeepOnTop({
      element,
      rank: TopLayerRank.EMERGENCY_ALERT,
      reassert: () => element.reassert(),
      shown: () => this.currentView.mode !== 'none',
      holdsKeys: () => this.currentView.mode === 'takeover',
    });
    element.topLayerEntered = () => this.keepOnTop.entered();
    this.audio = new AlertAudio(platform, {
      tone: config.tone, alertVolume: config.alertVolume, speech: config.speech, ...(createAudioContext ? { createAudioContext } : {}),
    });
    this.tuner = new ForceTuner(platform);
    let profile: KeyProfile;
    try {
      profile = findKeyProfile(platform.keyProfileId);
    } catch {
      profile = findKeyProfile('keyboard');
    }
    const targets = typeof window === 'undefined' ? [platform.keyTarget] : [window, platform.keyTarget];
    this.keys = new KeyGuard(profile, targets, { decide: (key) => this.decideKey(key), took: () => this.dismissTop() });
  }

  start(): void {
    // Keys first: the guard must be the earliest listener on window.
    this.keys.install();
    this.keepOnTop.start();
    this.subscriptions.push(
      this.manager.active.subscribe((active) => {
        this.active = active;
        this.refresh();
      }),
      this.manager.drills.subscribe((drills) => {
        this.drills = drills;
        this.refresh();
      }),
    );
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const s of this.subscriptions.splice(0)) s.unsubscribe();
    this.keys.uninstall();
    this.keepOnTop.stop();
    if (this.hintTimer !== undefined) clearTimeout(this.hintTimer);
    this.audio.close();
    if (this.config.forceTune) this.tuner.restore();
    this.element.view = { mode: 'none' };
    this.element.remove();
  }

  async settled(): Promise<void> {
    await Promise.all([this.audio.settled(), this.tuner.settled()]);
  }

  private refresh(): void {
    if (this.stopped) return;
    // Forget local dismissals of alerts the manager no longer has.
    const keys = new Set([...this.active, ...this.drills].map((a) => a.alert.key));
    for (const key of [...this.hidden]) if (!keys.has(key)) this.hidden.delete(key);
    for (const key of [...this.shownAt.keys()]) if (!keys.has(key)) this.shownAt.delete(key);
    for (const key of [...this.announced.keys()]) if (!keys.has(key)) this.announced.delete(key);
    for (const key of [...this.sounded]) if (!keys.has(key)) this.sounded.delete(key);

    const view = planOverlay(this.active, this.drills, this.hidden, this.config.maxBanners);
    this.currentView = view;
    const onScreen = this.onScreen(view);
    const now = Date.now();
    for (const s of onScreen) if (!this.shownAt.has(s.active.alert.key)) this.shownAt.set(s.active.alert.key, now);

    this.announce([...onScreen, ...(view.mode === 'takeover' ? view.others : [])]);
    this.sound();
    if (this.config.forceTune) this.tuner.update(this.active.filter((a) => !this.hidden.has(a.alert.key)));

    this.element.view = view;
    this.updateDismissable();
  }

  private onScreen(view: OverlayView): readonly ShownAlert[] {
    if (view.mode === 'takeover') return [view.takeover];
    if (view.mode === 'banner') return view.banners;
    return [];
  }

  /** Announces alerts that are new or whose text changed, most urgent first, in one live-region update. */
  private announce(alerts: readonly ShownAlert[]): void {
    const fresh: ShownAlert[] = [];
    for (const s of alerts) {
      const text = announcementOf(s);
      if (this.announced.get(s.active.alert.key) === text) continue;
      this.announced.set(s.active.alert.key, text);
      fresh.push(s);
    }
    const first = fresh[0];
    if (!first) return;
    const text = fresh.map(announcementOf).join('\n');
    this.element.announcement = { text, lang: first.active.language, serial: ++this.serial };
    for (const s of fresh) this.audio.speak(announcementOf(s), s.active.language);
  }

  /** Tone and volume follow the real level 1–2 alerts. */
  private sound(): void {
    const urgent = this.active.filter((a) => !a.drill && a.alert.level <= 2 && !this.hidden.has(a.alert.key));
    let fresh = false;
    for (const a of urgent) {
      if (this.sounded.has(a.alert.key)) continue;
      this.sounded.add(a.alert.key);
      fresh = true;
    }
    if (fresh) this.audio.attention();
    if (urgent.length === 0) this.audio.release();
  }

  private decideKey(key: KeyName): KeyDecision {
    const view = this.currentView;
    if (view.mode === 'takeover') return this.config.allowedKeys.includes(key as KnownKeyName) ? 'pass' : 'hold';
    if (view.mode === 'banner' && this.config.dismissKey.includes(key as KnownKeyName) && this.dismissableBanner()) return 'take';
    return 'pass';
  }

  /** The first banner on screen that may be dismissed now. */
  private dismissableBanner(): ShownAlert | undefined {
    const view = this.currentView;
    if (view.mode !== 'banner') return undefined;
    const now = Date.now();
    return view.banners.find((b) => {
      const since = this.shownAt.get(b.active.alert.key);
      return since !== undefined && now - since >= this.config.minDisplayMs && (b.drill || b.active.alert.level >= 3);
    });
  }

  private dismissTop(): void {
    const banner = this.dismissableBanner();
    if (!banner) return;
    const key = banner.active.alert.key;
    this.hidden.add(key);
    this.manager.dismiss(key).catch((err: unknown) => console.warn('[yiwang] alert overlay: dismiss failed', err));
    this.refresh();
  }

  /** Shows the dismiss hint on banners past their minimum time, and schedules the next one. */
  private updateDismissable(): void {
    if (this.hintTimer !== undefined) clearTimeout(this.hintTimer);
    this.hintTimer = undefined;
    const view = this.currentView;
    const now = Date.now();
    const ready = new Set<string>();
    let next = Infinity;
    if (view.mode === 'banner') {
      for (const b of view.banners) {
        const since = this.shownAt.get(b.active.alert.key);
        if (since === undefined) continue;
        const at = since + this.config.minDisplayMs;
        if (at <= now) ready.add(b.active.alert.key);
        else next = Math.min(next, at);
      }
    }
    const current = this.element.dismissable;
    if (ready.size !== current.size || [...ready].some((k) => !current.has(k))) this.element.dismissable = ready;
    if (next !== Infinity) this.hintTimer = setTimeout(() => this.updateDismissable(), next - now + 5);
  }
}
