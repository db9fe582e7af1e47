/**
 * Runs the headend: serves the emulator and the apps on PORT (default 8080), stops on SIGINT/SIGTERM.
 * Alerts go to the embedded MQTT broker, or to YIWANG_MQTT_URL (e.g. mqtt://127.0.0.1:1883) when set.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBrokerUrl } from './alerts/headend-alerts.js';
import { redactUrl } from './alerts/alert-broker.js';
import { startHeadend } from './server.js';
import { formatLineupWarning, parseLineupJson } from '../../sdk/channels/index.js';

const projectRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
const webRoot = process.env.YIWANG_WEB_ROOT ?? resolve(projectRoot, 'dist/web');

function parsePort(text: string | undefined): number {
  if (text === undefined || text === '') return 8080;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be an integer 0–65535, got "${text}"`);
    process.exit(1);
  }
  return port;
}

if (!existsSync(resolve(webRoot, 'apps/emulator/index.html'))) {
  console.error(`No built web apps in ${webRoot}: run "npm run build" first (npm start does it for you).`);
  process.exit(1);
}

const mqttUrl = process.env.YIWANG_MQTT_URL;
if (mqttUrl !== undefined && mqttUrl !== '') {
  try {
    checkBrokerUrl(mqttUrl);
  } catch (err) {
    console.error(`YIWANG_MQTT_URL: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

const lineupFile = process.env.YIWANG_LINEUP;
// An operator's lineup is checked once at start, so a typo shows here rather than as a missing channel on a box.
const lineupPath = resolve(lineupFile ?? resolve(projectRoot, 'apps/headend/live/lineup.json'));
try {
  const lineup = parseLineupJson(readFileSync(lineupPath, 'utf8'), { source: lineupPath });
  console.log(`Lineup ${lineupPath}: ${String(lineup.channels.length)} channels, ${String(lineup.skipped)} skipped`);
  for (const warning of lineup.warnings.slice(0, 20)) console.warn(`  ${formatLineupWarning(warning)}`);
} catch (err) {
  console.error(`Lineup ${lineupPath}: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
const caPromptsFile = process.env.YIWANG_CA_PROMPTS;
const headend = await startHeadend({
  port: parsePort(process.env.PORT), webRoot, alerts: { mqttUrl },
  live: { ...(lineupFile ? { lineupFile: resolve(lineupFile) } : {}), ...(caPromptsFile ? { caPromptsFile: resolve(caPromptsFile) } : {}) },
});
console.log(`Yiwang headend: emulator at ${headend.url}/`);
console.log(`Alerts: POST ${headend.url}/api/alerts; devices connect to ${headend.mqttUrl} `
  + (headend.alertBroker === 'external' ? `(relayed to ${redactUrl(mqttUrl ?? '')})` : '(embedded broker)'));

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping headend`);
  headend.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error('headend did not close cleanly:', err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
