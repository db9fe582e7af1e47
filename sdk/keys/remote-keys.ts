import { defer, finalize, Observable, share, tap, type SchedulerLike } from 'rxjs';
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../errors/yiwang-error.js';
import type { PlatformAdapter } from '../platform/platform-adapter.js';
import { currentPlatform } from '../platform/platform-registry.js';
import type { KeyEvent } from './key-event.js';
import { KeyMap } from './key-map.js';
import { isKeyName, KEY_GROUPS, keysOfGroups, type KeyGroup, type KnownKeyName } from './key-names.js';
import type { KeyProfile } from './key-profile.js';
import { findKeyProfile } from './key-profile-registry.js';
import { rawKeyCode } from './raw-key-code.js';
import { inferKeyUp } from './operators/inferKeyUp.js';
import { longPress } from './operators/longPress.js';

export interface RemoteKeysOptions {
  /** The box. Default: the detected platform adapter (`currentPlatform()`). */
  readonly platform?: PlatformAdapter;
  /** Key profile id or profile. Default: the platform's profile. */
  readonly profile?: string | KeyProfile;
  /**
   * Key groups the app handles; keys of other groups are left to the box. Default: all groups, unless
   * `keys` is given, then none.
   */
  readonly groups?: readonly KeyGroup[];
  /**
   * Single keys the app handles on top of `groups`, e.g. `['ChannelUp', 'ChannelDown']` without taking the
   * rest of the `other` group (volume, power) away from the box.
   */
  readonly keys?: readonly KnownKeyName[];
  /** Hold time that makes a press `long`. Default 700 ms, the common TV remote convention. */
  readonly longPressMs?: number;
  /**
   * On boxes without keyup: silence after the last repeat that ends a press. Default 600 ms, longer
   * than the usual 400–500 ms auto-repeat delay so one held key is not read as two presses.
   */
  readonly releaseGapMs?: number;
  /** Cancel the browser's default action (history back, scrolling) for delivered keys. Default true. */
  readonly preventDefault?: boolean;
  /** Timer scheduler, for tests. */
  readonly scheduler?: SchedulerLike;
}

/**
 * The remote control as an Observable of normalized key events.
 *
 * Subscribing registers the declared groups with the box (where the box needs it) and starts listening;
 * the last unsubscribe stops listening and gives the keys back. Subscribers share one listener.
 * Every press yields `down`, then `repeat`s while the box repeats, one `long` after `longPressMs`, and
 * `up`. A code no profile knows is emitted as `Unidentified` with its raw code, never dropped.
 *
 * ## Example
 * remoteKeys({groups: ['navigation', 'numeric']}).subscribe((e) => console.log(e.key, e.kind));
 */
export function remoteKeys(options: RemoteKeysOptions = {}): Observable<KeyEvent> {
  const groups = new Set<KeyGroup>(options.groups ?? (options.keys ? [] : KEY_GROUPS));
  const singleKeys = new Set<string>(options.keys ?? []);
  for (const key of singleKeys) {
    if (!isKeyName(key)) {
      throw new YiwangError(ErrorSeverity.Critical, ErrorCategory.Keys, ErrorCode.KeyOverrideInvalid,
        `remoteKeys keys: "${key}" is not a normalized key name`, { path: 'keys', value: key });
    }
  }
  for (const group of groups) {
    if (!KEY_GROUPS.includes(group)) {
      throw new YiwangError(ErrorSeverity.Critical, ErrorCategory.Keys, ErrorCode.KeyGroupUnknown,
        `Unknown key group "${group}"; known groups: ${KEY_GROUPS.join(', ')}`, { group, known: [...KEY_GROUPS] });
    }
  }
  return defer(() => {
    const platform = options.platform ?? currentPlatform();
    const profile = typeof options.profile === 'object' ? options.profile : findKeyProfile(options.profile ?? platform.keyProfileId);
    const keyMap = new KeyMap(profile);
    const wanted = [...new Set([...keysOfGroups(groups), ...(options.keys ?? [])])];
    const preventDefault = options.preventDefault ?? true;
    const scheduler = options.scheduler;

    const raw$ = new Observable<KeyEvent>((subscriber) => {
      const held = new Set<number>();
      const target = platform.keyTarget;
      const onDown = (e: Event): void => {
        const ke = e as KeyboardEvent;
        const raw = rawKeyCode(ke);
        const { key, group } = keyMap.resolve({ keyCode: raw, key: ke.key });
        if (group && !groups.has(group) && !singleKeys.has(key)) return; // not declared: the box keeps it
        if (preventDefault && group) ke.preventDefault();
        const kind = ke.repeat || held.has(raw) ? 'repeat' : 'down';
        // Without keyups nothing would ever leave `held`; inferKeyUp tracks those presses instead.
        if (profile.sendsKeyUp) held.add(raw);
        subscriber.next(withOptional({ key, kind, raw, timeStamp: ke.timeStamp }, ke.key, group));
      };
      const onUp = (e: Event): void => {
        const ke = e as KeyboardEvent;
        const raw = rawKeyCode(ke);
        if (!held.delete(raw)) return; // a release whose press this app never saw
        const { key, group } = keyMap.resolve({ keyCode: raw, key: ke.key });
        if (preventDefault && group) ke.preventDefault();
        subscriber.next(withOptional({ key, kind: 'up', raw, timeStamp: ke.timeStamp }, ke.key, group));
      };
      // Focus leaving the page mid-press swallows the keyup; end held presses so none stays stuck.
      const onBlur = (e: Event): void => {
        for (const raw of held) {
          const { key, group } = keyMap.resolve({ keyCode: raw });
          subscriber.next(withOptional({ key, kind: 'up', raw, timeStamp: e.timeStamp }, undefined, group));
        }
        held.clear();
      };
      target.addEventListener(profile.downEvent, onDown);
      if (profile.sendsKeyUp) target.addEventListener('keyup', onUp);
      const win = typeof window === 'undefined' ? undefined : window;
      win?.addEventListener('blur', onBlur);
      return () => {
        target.removeEventListener(profile.downEvent, onDown);
        target.removeEventListener('keyup', onUp);
        win?.removeEventListener('blur', onBlur);
      };
    });

    if (platform.supportsKeyRegistration()) {
      const added = retainKeys(platform, wanted);
      if (added.length) {
        platform.registerKeys(added).catch((err: unknown) => {
          console.warn('[yiwang] the box refused key registration:', err);
        });
      }
    }
    const released$ = profile.sendsKeyUp ? raw$ : raw$.pipe(inferKeyUp(options.releaseGapMs ?? 600, scheduler));
    return released$.pipe(
      longPress(options.longPressMs ?? 700, scheduler),
      tap((event) => platform.observeKeyEvent?.(event)),
      finalize(() => {
        if (!platform.supportsKeyRegistration()) return;
        const released = releaseKeys(platform, wanted);
        if (released.length) void platform.unregisterKeys(released).catch(() => undefined);
      }),
    );
  }).pipe(share());
}

/**
 * Registrations are counted per box and key: several remoteKeys() streams may want the same key, and the
 * box must keep delivering it until the last of them lets go.
 */
const registrations = new WeakMap<PlatformAdapter, Map<KnownKeyName, number>>();

/** Counts `keys` in; returns those no stream had registered before. */
function retainKeys(platform: PlatformAdapter, keys: readonly KnownKeyName[]): KnownKeyName[] {
  let counts = registrations.get(platform);
  if (!counts) registrations.set(platform, (counts = new Map<KnownKeyName, number>()));
  const added: KnownKeyName[] = [];
  for (const key of keys) {
    const n = counts.get(key) ?? 0;
    counts.set(key, n + 1);
    if (n === 0) added.push(key);
  }
  return added;
}

/** Counts `keys` out; returns those no stream wants any more. */
function releaseKeys(platform: PlatformAdapter, keys: readonly KnownKeyName[]): KnownKeyName[] {
  const counts = registrations.get(platform);
  const released: KnownKeyName[] = [];
  if (!counts) return released;
  for (const key of keys) {
    const n = counts.get(key) ?? 0;
    if (n <= 1) {
      counts.delete(key);
      if (n === 1) released.push(key);
    } else counts.set(key, n - 1);
  }
  return released;
}

function withOptional(event: Omit<KeyEvent, 'rawKey' | 'group'>, rawKey: string | undefined, group: KeyGroup | undefined): KeyEvent {
  const out: { -readonly [K in keyof KeyEvent]?: KeyEvent[K] } = { ...event };
  if (rawKey) out.rawKey = rawKey;
  if (group) out.group = group;
  return out as KeyEvent;
}
