/**
 * The Yiwang emulator's simulated box. Recognised when the page runs in the emulator's device frame;
 * takes its key profile from the host, reports registrations and delivered keys to the host (the key
 * log), and replays raw keys the host posts when it cannot dispatch into a cross-origin frame.
 */
import { findKeyProfile } from '../../keys/key-profile-registry.js';
import type { PlatformAdapter } from '../platform-adapter.js';
import { PlatformPriority, registerPlatformAdapter } from '../platform-registry.js';
import { createRawKeyEvent } from '../raw-key-event.js';
import { isHostRawKey, parseEmulatorFrameName, type DeviceToHostMessage } from './emulator-protocol.js';

function createEmulatorAdapter(env: Window): PlatformAdapter {
  const config = parseEmulatorFrameName(env.name);
  if (!config) throw new Error('not running in the Yiwang emulator frame');
  const post = (message: DeviceToHostMessage): void => env.parent.postMessage(message, '*');
  env.addEventListener('message', (e: MessageEvent) => {
    if (e.source !== env.parent || !isHostRawKey(e.data)) return;
    const target = env.document.activeElement ?? env.document.body;
    target.dispatchEvent(createRawKeyEvent(e.data.eventType, e.data.binding, e.data.repeat));
  });
  post({ source: 'yiwang-device', type: 'hello', profile: config.profile });
  return {
    id: 'emulator',
    keyProfileId: config.profile,
    keyTarget: env,
    supportsKeyRegistration: () => findKeyProfile(config.profile).registration !== 'none',
    registerKeys(keys) {
      post({ source: 'yiwang-device', type: 'register-keys', keys: [...keys] });
      return Promise.resolve();
    },
    unregisterKeys(keys) {
      post({ source: 'yiwang-device', type: 'unregister-keys', keys: [...keys] });
      return Promise.resolve();
    },
    observeKeyEvent(event) {
      post({ source: 'yiwang-device', type: 'key', event });
    },
  };
}

registerPlatformAdapter(
  { id: 'emulator', detect: (env) => parseEmulatorFrameName(env.name) !== undefined, create: createEmulatorAdapter },
  PlatformPriority.EMULATOR,
);
