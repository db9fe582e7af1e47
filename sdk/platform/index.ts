// Public surface of the platform layer. Built-in adapters register themselves on import.
import './adapters/browser.js';
import './adapters/emulator.js';
import './adapters/hbbtv.js';
import './adapters/tizen.js';
import './adapters/webos.js';
import './adapters/cn-iptv.js';
import './adapters/ipanel.js';

export type { PlatformAdapter, PlatformAdapterFactory, EpgFeed, EpgImportResult, TuneRequest } from './platform-adapter.js';
export {
  PlatformPriority, registerPlatformAdapter, findPlatformAdapter, detectPlatformAdapter, platformAdapterIds,
  currentPlatform, usePlatform,
} from './platform-registry.js';
export { createRawKeyEvent } from './raw-key-event.js';
export { keySetFor } from './adapters/hbbtv.js';
export {
  EMULATOR_FRAME_NAME_PREFIX, emulatorFrameName, parseEmulatorFrameName, isDeviceMessage, isHostRawKey, isHostEpgFeed,
  isHostAlertInband, isHostAlertInject, isHostTunerState, isDetailsChannel, CA_METHODS, isCaMethod, isHostCaInfo,
  isHostCaResult, isHostCaEvent, isHostSignal, isHostTuneRequest, isTuneRequestTarget,
  type EmulatorDeviceConfig, type DeviceToHostMessage, type HostToDeviceRawKey, type HostToDeviceEpgFeed,
  type HostToDeviceAlertInband, type HostToDeviceAlertInject, type HostToDeviceTunerState,
  type HostToDeviceMessage, type CaMethod, type HostToDeviceCaInfo, type HostToDeviceCaResult, type HostToDeviceCaEvent,
  type HostToDeviceSignal, type HostToDeviceTuneRequest, type EmulatorCaError,
} from './adapters/emulator-protocol.js';
export { EmulatorCaClient, EMULATOR_CA_TIMEOUT_MS, type EmulatorCaClientOptions } from './adapters/emulator-ca.js';
export {
  EmulatorTuning, EMULATOR_FORCE_TUNE_TIMEOUT_MS, EMULATOR_HELD_TUNE_MS, detailsToTuneTarget, channelToDetails,
} from './adapters/emulator-tuning.js';
