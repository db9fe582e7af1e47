/**
 * Alert audio (R13): the attention tone when a level 1–2 alert appears, heard through the box's volume
 * (raised and unmuted for the alert, restored when the last one ends), and an optional read-out with
 * speechSynthesis. A box without volume control, WebAudio or speech just goes without; nothing here throws.
 */
import type { PlatformAdapter } from '../../platform/platform-adapter.js';
import type { AttentionToneConfig } from './overlay-options.js';
import { bcp47, isChinese } from './overlay-view.js';

/** What the alert changed on the box, to put back. */
interface SavedAudio {
  readonly volume?: number;
  readonly muted?: boolean;
}

export interface AlertAudioOptions {
  readonly tone: AttentionToneConfig;
  readonly alertVolume: number | false;
  readonly speech: boolean;
  readonly createAudioContext?: () => AudioContext;
}

function report(what: string, err: unknown): void {
  console.warn(`[yiwang] alert overlay: ${what} failed`, err);
}

export class AlertAudio {
  /** Serialises the platform calls, so a restore never overtakes the raise it undoes. */
  private queue: Promise<void> = Promise.resolve();
  private saved: SavedAudio | undefined;
  private raised = false;
  private context: AudioContext | undefined;
  private tone: { stop(): void } | undefined;
  private toneEnds: Promise<void> = Promise.resolve();
  private spoke = false;

  constructor(private readonly platform: PlatformAdapter, private readonly options: AlertAudioOptions) {}

  /** A level 1–2 alert appeared: raise the volume (once per episode) and sound the tone. */
  attention(): void {
    if (!this.raised && this.options.alertVolume !== false) {
      this.raised = true;
      this.enqueue(() => this.raise());
    }
    if (this.options.tone.enabled && !this.tone) this.playTone();
  }

  /** Reads `text` aloud after the tone, when speech is on. */
  speak(text: string, language: string): void {
    if (!this.options.speech || typeof speechSynthesis === 'undefined' || typeof SpeechSynthesisUtterance === 'undefined') return;
    void this.toneEnds.then(() => {
      try {
        const utterance = new SpeechSynthesisUtterance(text);
        const lang = isChinese(language) ? 'zh-CN' : bcp47(language);
        utterance.lang = lang;
        const prefix = lang.slice(0, 2).toLowerCase();
        const voice = speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().replace('_', '-') === lang.toLowerCase())
          ?? speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith(prefix));
        if (voice) utterance.voice = voice;
        this.spoke = true;
        speechSynthesis.speak(utterance);
      } catch (err) {
        report('speech', err);
      }
    });
  }

  /** The last level 1–2 alert ended: stop the tone and speech, put the volume back. */
  release(): void {
    this.tone?.stop();
    this.tone = undefined;
    if (this.spoke && typeof speechSynthesis !== 'undefined') {
      this.spoke = false;
      speechSynthesis.cancel();
    }
    if (!this.raised) return;
    this.raised = false;
    this.enqueue(() => this.restore());
  }

  /** Resolves when the platform calls made so far have finished (tests, unmount). */
  settled(): Promise<void> {
    return this.queue;
  }

  close(): void {
    this.release();
    void this.context?.close().catch(() => undefined);
    this.context = undefined;
  }

  private enqueue(step: () => Promise<void>): void {
    this.queue = this.queue.then(step).catch((err: unknown) => report('volume', err));
  }

  private async raise(): Promise<void> {
    const p = this.platform;
    const target = this.options.alertVolume;
    if (target === false) return;
    const saved: { volume?: number; muted?: boolean } = {};
    if (p.isMuted && p.setMuted && await p.isMuted()) {
      saved.muted = true;
      await p.setMuted(false);
    }
    if (p.getVolume && p.setVolume) {
      const volume = await p.getVolume();
      if (volume < target) {
        saved.volume = volume;
        await p.setVolume(target);
      }
    }
    this.saved = saved;
  }

  private async restore(): Promise<void> {
    const saved = this.saved;
    this.saved = undefined;
    if (!saved) return;
    if (saved.volume !== undefined) await this.platform.setVolume?.(saved.volume);
    if (saved.muted) await this.platform.setMuted?.(true);
  }

  private playTone(): void {
    const { frequencies, durationMs, gain } = this.options.tone;
    try {
      this.context ??= this.options.createAudioContext?.() ?? new AudioContext();
      const ctx = this.context;
      void ctx.resume().catch(() => undefined);
      const out = ctx.createGain();
      const start = ctx.currentTime;
      const end = start + durationMs / 1000;
      // Short ramps avoid clicks; the tones share the gain so together they never clip.
      out.gain.setValueAtTime(0, start);
      out.gain.linearRampToValueAtTime(gain, start + 0.02);
      out.gain.setValueAtTime(gain, Math.max(start + 0.02, end - 0.05));
      out.gain.linearRampToValueAtTime(0, end);
      out.connect(ctx.destination);
      const oscillators = frequencies.map((f) => {
        const osc = ctx.createOscillator();
        osc.type = 'sine';
        osc.frequency.value = f;
        const share = ctx.createGain();
        share.gain.value = 1 / frequencies.length;
        osc.connect(share).connect(out);
        osc.start(start);
        osc.stop(end);
        return osc;
      });
      let finish: () => void = () => undefined;
      this.toneEnds = new Promise<void>((resolve) => {
        finish = resolve;
      });
      const timer = setTimeout(() => done(), durationMs);
      const done = (): void => {
        clearTimeout(timer);
        if (this.tone === handle) this.tone = undefined;
        finish();
      };
      const handle = {
        stop: () => {
          for (const osc of oscillators) {
            try {
              osc.stop();
            } catch {
              // already stopped
            }
          }
          out.disconnect();
          done();
        },
      };
      this.tone = handle;
    } catch (err) {
      report('attention tone', err);
    }
  }
}
