/**
 * The MQTT topic scheme of alert delivery, shared by the headend (publishing) and the device (subscribing).
 *
 * Region topics follow the GB/T 2260 administrative hierarchy under one country root:
 *
 *   yiwang/alerts/cn                              the whole country (no area, or an area without a region code)
 *   yiwang/alerts/cn/11                           province 110000
 *   yiwang/alerts/cn/11/1101                      city (prefecture) 110100
 *   yiwang/alerts/cn/11/1101/110105               county (district) 110105; a 9/12-digit code lands here too
 *
 * Every message is published on `<regionTopic>/a/<alertKeyHash>`, so each region retains one message per
 * alert and several alerts per region can be retained at the same time. A device subscribes to
 * `<regionTopic>/a/+` for each level of its own chain, country first.
 */
import type { Alert } from '../model.js';
import type { DeviceLocation } from '../manager/alert-manager-types.js';

export const ALERT_TOPIC_ROOT = 'yiwang/alerts/cn';

/** The level below a region topic that holds one retained message per alert. */
const MESSAGE_LEVEL = 'a';

/** GB/T 2260 (6 digits), with an optional township (9) or village (12) extension. */
const REGION_CODE = /^\d{6}(?:\d{3}|\d{6})?$/;

/**
 * The region topic for an administrative code, or undefined when the code is not a 6/9/12-digit region
 * code. `000000…` is the whole country; trailing `00` pairs stop the chain at province or city level.
 */
export function regionTopic(code: string): string | undefined {
  if (!REGION_CODE.test(code)) return undefined;
  const province = code.slice(0, 2);
  const city = code.slice(2, 4);
  const county = code.slice(4, 6);
  if (province === '00') return ALERT_TOPIC_ROOT;
  if (city === '00') return `${ALERT_TOPIC_ROOT}/${province}`;
  if (county === '00') return `${ALERT_TOPIC_ROOT}/${province}/${province}${city}`;
  return `${ALERT_TOPIC_ROOT}/${province}/${province}${city}/${code.slice(0, 6)}`;
}

/**
 * The region topics an alert goes to, sorted. An alert with no area, or with any area that names no
 * usable region code (polygons, circles, SCTE 18 location codes only), also goes to the country topic:
 * the device then decides by its own location.
 */
export function alertRegionTopics(alert: Pick<Alert, 'areas'>): string[] {
  const topics = new Set<string>();
  if (alert.areas.length === 0) topics.add(ALERT_TOPIC_ROOT);
  for (const area of alert.areas) {
    let usable = false;
    for (const code of area.regionCodes) {
      const topic = regionTopic(code.trim());
      if (topic !== undefined) {
        topics.add(topic);
        usable = true;
      }
    }
    if (!usable) topics.add(ALERT_TOPIC_ROOT);
  }
  return [...topics].sort();
}

/** The topic one alert's message is retained on in one region. */
export function alertMessageTopic(region: string, alertKeyHash: string): string {
  return `${region}/${MESSAGE_LEVEL}/${alertKeyHash}`;
}

/** The region topic a message topic belongs to, or undefined when it is not a message topic. */
export function regionOfMessageTopic(topic: string): string | undefined {
  const at = topic.lastIndexOf(`/${MESSAGE_LEVEL}/`);
  if (at < 0 || !topic.startsWith(ALERT_TOPIC_ROOT)) return undefined;
  return topic.slice(0, at);
}

/**
 * The region chain of a device, country first: for 110105 → country, 11, 1101, 110105. A location
 * without a usable region code gets the country topic only (an unknown part matches nothing narrower).
 */
export function deviceRegionTopics(location: DeviceLocation): string[] {
  const chain = [ALERT_TOPIC_ROOT];
  const code = location.regionCode?.trim();
  const own = code === undefined ? undefined : regionTopic(code);
  if (own === undefined || own === ALERT_TOPIC_ROOT) return chain;
  const levels = own.slice(ALERT_TOPIC_ROOT.length + 1).split('/');
  for (let i = 1; i <= levels.length; i++) chain.push(`${ALERT_TOPIC_ROOT}/${levels.slice(0, i).join('/')}`);
  return chain;
}

/** The subscriptions of a device: `<regionTopic>/a/+` for each level of its chain. */
export function deviceAlertSubscriptions(location: DeviceLocation): string[] {
  return deviceRegionTopics(location).map((region) => alertMessageTopic(region, '+'));
}
