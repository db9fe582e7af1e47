/** China Telecom/Unicom IPTV boxes: recognised by the `Authentication` object of their EPG browser. */
import { registerPlatformAdapter } from '../platform-registry.js';
import { adapterWithoutRegistration } from './without-registration.js';

interface IptvGlobals {
  Authentication?: unknown;
}

registerPlatformAdapter({
  id: 'cn-iptv',
  detect: (env) => {
    const auth = (env as unknown as IptvGlobals).Authentication;
    return typeof auth === 'object' && auth !== null && ('CTCGetConfig' in auth || 'CUGetConfig' in auth);
  },
  create: (env) => adapterWithoutRegistration('cn-iptv', 'cn-iptv', env),
});
