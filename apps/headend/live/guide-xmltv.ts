/**
 * A programme guide for the lineup, generated on request as XMLTV: the emulator's channels are synthetic, so
 * their guide is too. Deterministic per channel and day (the same request gives the same guide), so a
 * reload or a second box sees the same programme at the same time. Times are written in China time (+0800).
 */

export interface GuideChannelInput {
  readonly id: string;
  readonly name: string;
  readonly kind: 'tv' | 'radio';
  /** A theme that picks the titles (sports, movies, news, …); `general` when unknown. */
  readonly theme: string;
}

const TITLES: Readonly<Record<string, readonly string[]>> = {
  general: ['新闻联播', '焦点访谈', '晚间新闻', '电视剧：人世间', '综艺：开门大吉', '生活早参考', '今日说法', '动物世界', '天气预报', '纪录片：航拍中国'],
  finance: ['经济信息联播', '第一时间', '交易时间', '对话', '消费主张', '财经评论'],
  variety: ['星光大道', '黄金100秒', '越战越勇', '综艺盛典', '向幸福出发', '回声嘹亮'],
  news: ['新闻直播间', '朝闻天下', '东方时空', '国际时讯', '新闻30分', '新闻周刊', '天气预报'],
  sports: ['体育新闻', '中超联赛：北京国安—上海申花', 'NBA常规赛', '天下足球', '乒乓球世界杯', '排球女排联赛', '体育世界'],
  movies: ['电影：流浪地球', '电影：长津湖', '电影：我不是药神', '电影：战狼2', '电影：你好，李焕英', '电影：满江红', '午夜影院：惊魂（18岁以上）'],
  documentary: ['纪录片：河西走廊', '纪录片：舌尖上的中国', '探索·发现', '国宝档案', '自然传奇', '地理·中国'],
  drama: ['电视剧：繁花', '电视剧：狂飙', '电视剧：山海情', '电视剧：觉醒年代', '电视剧：父母爱情'],
  science: ['百家讲坛', '健康之路', '人物·故事', '原来如此', '科学动物园'],
  opera: ['京剧：霸王别姬', '越剧：红楼梦', '黄梅戏：天仙配', '戏曲采风', '空中剧院'],
  law: ['今日说法', '一线', '天网', '道德观察', '普法栏目剧'],
  kids: ['动画：熊出没', '动画：喜羊羊与灰太狼', '智慧树', '大风车', '七巧板', '动画：大头儿子小头爸爸'],
  music: ['音乐厅', '精彩音乐汇', '民歌·中国', '风华国乐', '全球中文音乐榜上榜'],
  radio: ['新闻和报纸摘要', '全国新闻联播', '经济之声·天下财经', '音乐之声·流行', '夜空下的倾听'],
};

/** Small, fast, seeded PRNG (mulberry32): the same seed gives the same guide. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const CHINA_OFFSET_MS = 8 * 3600_000;
const pad = (n: number): string => String(n).padStart(2, '0');

/** XMLTV time in China time: `20261125193000 +0800`. */
function xmltvTime(ms: number): string {
  const d = new Date(ms + CHINA_OFFSET_MS);
  return `${String(d.getUTCFullYear())}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}00 +0800`;
}

/**
 * Text as XML character data or an attribute value. Characters XML 1.0 forbids (C0 controls but tab, LF, CR;
 * U+FFFE/U+FFFF; lone surrogates) become U+FFFD: one odd name in an operator's lineup must not make the whole
 * guide ill-formed.
 */
function escapeXml(text: string): string {
  let clean = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const high = unit >= 0xd800 && unit <= 0xdbff;
    const low = isLowSurrogate(unit);
    if (high && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      clean += text.slice(i, i + 2);
      i++;
    } else if (high || low || unit === 0xfffe || unit === 0xffff || (unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d)) {
      clean += '\uFFFD';
    } else {
      clean += text.charAt(i);
    }
  }
  return clean.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

export interface GuideOptions {
  /** ms since epoch; the guide covers the China-time day before it to two days after. */
  readonly now: number;
  readonly days?: { readonly before: number; readonly after: number };
}

/** The XMLTV document for `channels` around `now`. */
export function generateGuideXmltv(channels: readonly GuideChannelInput[], options: GuideOptions): string {
  const before = options.days?.before ?? 1;
  const after = options.days?.after ?? 2;
  // Midnight China time of today, in UTC ms.
  const todayStart = Math.floor((options.now + CHINA_OFFSET_MS) / 86_400_000) * 86_400_000 - CHINA_OFFSET_MS;
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n<tv generator-info-name="yiwang-headend">\n'];
  for (const channel of channels) {
    parts.push(`  <channel id="${escapeXml(channel.id)}"><display-name lang="zh">${escapeXml(channel.name)}</display-name></channel>\n`);
  }
  for (const channel of channels) {
    const titles = TITLES[channel.kind === 'radio' ? 'radio' : channel.theme] ?? TITLES.general ?? [];
    for (let day = -before; day <= after; day++) {
      const dayStart = todayStart + day * 86_400_000;
      const random = seeded(hash(channel.id) ^ (day + 1000));
      let start = dayStart;
      while (start < dayStart + 86_400_000) {
        // 30, 45, 60, 90 or 120 minutes, aligned to 5 minutes.
        const minutes = [30, 45, 60, 90, 120][Math.floor(random() * 5)] ?? 60;
        const stop = Math.min(start + minutes * 60_000, dayStart + 86_400_000);
        const title = titles[Math.floor(random() * titles.length)] ?? '节目';
        const hour = new Date(start + CHINA_OFFSET_MS).getUTCHours();
        // Late-night films are rated 18: the parental rating threshold has something to block.
        const adult = channel.theme === 'movies' && (hour >= 23 || hour < 4);
        const shownTitle = adult ? '午夜影院：惊魂（18岁以上）' : title;
        parts.push(`  <programme start="${xmltvTime(start)}" stop="${xmltvTime(stop)}" channel="${escapeXml(channel.id)}">`
          + `<title lang="zh">${escapeXml(shownTitle)}</title>`
          + `<desc lang="zh">${escapeXml(`${channel.name} · ${shownTitle}`)}</desc>`
          + (adult ? '<rating system="CN"><value>18</value></rating>' : '')
          + '</programme>\n');
        start = stop;
      }
    }
  }
  parts.push('</tv>\n');
  return parts.join('');
}
