/** LG webOS: recognised by its `webOS`/`PalmSystem` globals; delivers every key. */
import { registerPlatformAdapter } from '../platform-registry.js';
import { adapterWithoutRegistration } from './without-registration.js';

registerPlatformAdapter({
  id: 'webos',
  detect: (env) => 'webOS' in env || 'PalmSystem' in env,
  create: (env) => adapterWithoutRegistration('webos', 'webos', env),
});
