/** iPanel DVB-C middleware: recognised by its `iPanel` global; keys arrive as keypress on the document. */
import { registerPlatformAdapter } from '../platform-registry.js';
import { adapterWithoutRegistration } from './without-registration.js';

registerPlatformAdapter({
  id: 'ipanel',
  detect: (env) => 'iPanel' in env,
  create: (env) => adapterWithoutRegistration('ipanel', 'ipanel', env.document),
});
