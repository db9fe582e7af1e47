/**
 * The emulator page: mounts `<yw-emulator>` and installs the automation API as `window.emulator`.
 * Query parameters: `app` (device URL), `profile` (key profile id), `res` (`1920x1080` or `1280x720`),
 * `safe` (any value: show the safe-area overlay), `region` (the box's region code, 6 or 12 digits).
 */
import { installAutomationApi, isResolution } from './automation-api.js';
import { YwEmulator } from './emulator-app.js';
import { isRegionCode } from './alert-panel.js';

const params = new URLSearchParams(location.search);
const emulator = new YwEmulator();
const app = params.get('app');
if (app) emulator.deviceUrl = app;
const profile = params.get('profile');
if (profile) emulator.profile = profile;
const res = params.get('res');
if (isResolution(res)) emulator.resolution = res;
if (params.has('safe')) emulator.safeArea = true;
const region = params.get('region');
if (region !== null && isRegionCode(region)) emulator.region = region;

installAutomationApi(emulator);
document.body.append(emulator);
