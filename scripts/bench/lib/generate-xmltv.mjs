// A deterministic synthetic XMLTV guide at cable scale: N channels × D days, about 25 programmes per
// channel-day with Chinese and English text, categories, ratings and episode numbers, as real Chinese
// guides carry them (see shared/reference/epg-ca-companion.md §A3 for the scale figures).

const TITLES = ['新闻联播', '午间新闻', '天气预报', '电视剧：繁花', '动画城', '体育新闻', '纪录片：航拍中国', '综艺大观',
  '今日说法', '焦点访谈', '音乐厅', '健康之路', 'Evening News', 'World Cup Highlights', 'Movie: The Long Road', 'Kids Club'];
const CATEGORIES = [['新闻', 'News'], ['电视剧', 'Series'], ['少儿', 'Kids'], ['体育', 'Sports'], ['纪录片', 'Documentary'],
  ['综艺', 'Show'], ['音乐', 'Music'], ['电影', 'Movie']];

/** A small seeded PRNG (mulberry32) so every run generates the same guide. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
const xmltvTime = (ms) => {
  const d = new Date(ms + 8 * 3600_000); // written in +0800, as Chinese guides are
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}00 +0800`;
};
const escapeXml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * Returns `{xml, channels, programmes}`. Programmes per channel-day vary around 25 (14–36), lengths
 * 10–120 minutes, back to back from local midnight of `startMs`.
 */
export function generateXmltv({ channels = 400, days = 7, startMs = Date.UTC(2026, 10, 23, 16), seed = 42 } = {}) {
  const random = prng(seed);
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<tv generator-info-name="yiwang-bench">\n'];
  for (let c = 1; c <= channels; c++) {
    parts.push(`  <channel id="ch${c}.cn"><display-name lang="zh">频道${c}</display-name><display-name lang="en">Channel ${c}</display-name><icon src="https://logo.example/ch${c}.png"/></channel>\n`);
  }
  let programmes = 0;
  const end = startMs + days * 86_400_000;
  for (let c = 1; c <= channels; c++) {
    let t = startMs;
    while (t < end) {
      const minutes = 16 + Math.floor(random() * random() * 110) + Math.floor(random() * 30);
      const stop = Math.min(end, t + Math.round(minutes / 5) * 5 * 60_000 || 600_000);
      const title = TITLES[Math.floor(random() * TITLES.length)];
      const [zh, en] = CATEGORIES[Math.floor(random() * CATEGORIES.length)];
      const episode = Math.floor(random() * 40);
      parts.push(`  <programme start="${xmltvTime(t)}" stop="${xmltvTime(stop)}" channel="ch${c}.cn">`
        + `<title lang="zh">${escapeXml(title)}</title>`
        + `<desc lang="zh">${escapeXml(title)}第${episode + 1}集。本期节目内容简介，主持人与嘉宾一起讨论 &amp; 分析。</desc>`
        + `<category lang="zh">${zh}</category><category lang="en">${en}</category>`
        + `<episode-num system="xmltv_ns">0.${episode}.</episode-num>`
        + (random() < 0.2 ? '<rating system="CN"><value>12</value></rating>' : '')
        + (random() < 0.3 ? '<previously-shown/>' : '')
        + '</programme>\n');
      programmes++;
      t = stop;
    }
  }
  parts.push('</tv>\n');
  return { xml: parts.join(''), channels, programmes };
}
