/** A desktop browser: keyboard keys, nothing to register. The fallback when no box is recognised. */
import { PlatformPriority, registerPlatformAdapter } from '../platform-registry.js';
import { adapterWithoutRegistration } from './without-registration.js';

registerPlatformAdapter(
  { id: 'browser', detect: () => true, create: (env) => adapterWithoutRegistration('browser', 'keyboard', env) },
  PlatformPriority.FALLBACK,
);
