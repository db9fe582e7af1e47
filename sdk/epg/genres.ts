import { DVB_GENRES, type DvbGenre } from './model.js';

/**
 * Free-text genre labels (XMLTV `<category>`, operator JSON) to the DVB content_descriptor level-1 genres
 * of EN 300 468 §6.2.9 Table 29, in English and Chinese.
 *
 * Each label maps to at most one genre: the first rule below whose words occur in it, so a specific rule
 * ("documentary", "talk show") wins over a broad one ("drama", "show"). Dramas and series count as
 * `movie` (DVB 0x1: movie/drama); documentaries and science as `education` (0x9).
 */

interface GenreRule {
  readonly genre: DvbGenre;
  /** English words or phrases, matched as whole words, case-insensitively. */
  readonly en: readonly string[];
  /** Chinese (or other unspaced) fragments, matched anywhere in the label. */
  readonly zh: readonly string[];
}

const RULES: readonly GenreRule[] = [
  { genre: 'children', en: ['kids', 'kid', 'children', "children's", 'child', 'youth', 'cartoon', 'cartoons', 'animation', 'animated', 'anime', 'preschool', 'teen'], zh: ['少儿', '儿童', '动画', '动漫', '卡通', '青少', '亲子', '幼儿'] },
  { genre: 'education', en: ['documentary', 'documentaries', 'education', 'educational', 'science', 'factual', 'nature', 'history', 'historical', 'technology', 'medicine', 'medical', 'wildlife', 'biography'], zh: ['纪录', '纪实', '科教', '科学', '教育', '自然', '历史', '科技', '探索', '人文', '课堂'] },
  { genre: 'news', en: ['news', 'newsmagazine', 'current affairs', 'weather', 'bulletin'], zh: ['新闻', '资讯', '天气', '时事', '快讯', '报道'] },
  { genre: 'sports', en: ['sport', 'sports', 'sporting', 'football', 'soccer', 'basketball', 'tennis', 'golf', 'athletics', 'olympics', 'motorsport', 'motor sport', 'racing', 'cricket', 'rugby', 'boxing', 'baseball', 'hockey', 'snooker', 'cycling', 'wrestling', 'volleyball', 'esports'], zh: ['体育', '赛事', '足球', '篮球', '网球', '乒乓', '羽毛球', '排球', '奥运', '比赛', '赛车', '围棋', '棋牌', '武术'] },
  { genre: 'music', en: ['music', 'musical', 'concert', 'ballet', 'dance', 'opera', 'jazz', 'pop', 'rock', 'classical music', 'folk'], zh: ['音乐', '演唱会', '歌曲', '舞蹈', '芭蕾', '歌剧', '音乐会'] },
  { genre: 'arts', en: ['arts', 'art', 'culture', 'cultural', 'performing arts', 'theatre', 'theater', 'literature', 'religion', 'religious', 'fashion', 'film review', 'poetry'], zh: ['艺术', '文化', '戏曲', '戏剧', '京剧', '曲艺', '相声', '文学', '书法', '文艺', '时尚'] },
  { genre: 'social', en: ['social', 'society', 'political', 'politics', 'economics', 'economy', 'business', 'finance', 'financial', 'law', 'legal', 'public affairs', 'military', 'investigative'], zh: ['社会', '财经', '经济', '法治', '法制', '政治', '军事', '国防', '时政', '三农', '农业'] },
  { genre: 'leisure', en: ['leisure', 'hobbies', 'hobby', 'travel', 'cooking', 'cookery', 'food', 'fitness', 'health', 'lifestyle', 'gardening', 'motoring', 'shopping', 'diy', 'property', 'outdoors', 'fishing', 'auto'], zh: ['生活', '旅游', '旅行', '美食', '烹饪', '健康', '养生', '购物', '家居', '汽车', '钓鱼', '休闲'] },
  { genre: 'show', en: ['show', 'game show', 'quiz', 'talk show', 'talk', 'variety', 'entertainment', 'reality', 'contest', 'awards', 'game'], zh: ['综艺', '娱乐', '访谈', '真人秀', '选秀', '游戏', '晚会', '脱口秀', '竞猜'] },
  { genre: 'movie', en: ['movie', 'movies', 'film', 'films', 'cinema', 'feature film', 'drama', 'series', 'soap', 'sitcom', 'comedy', 'romance', 'thriller', 'crime', 'detective', 'mystery', 'adventure', 'western', 'war', 'science fiction', 'sci-fi', 'fantasy', 'horror', 'action', 'suspense', 'miniseries'], zh: ['电影', '影片', '影院', '电视剧', '连续剧', '剧场', '剧集', '喜剧', '爱情', '悬疑', '动作', '科幻', '战争', '武侠', '古装', '影视'] },
];

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const MATCHERS: ReadonlyArray<{ genre: DvbGenre; en: RegExp; zh: readonly string[] }> = RULES.map((rule) => ({
  genre: rule.genre,
  en: new RegExp(`(?:^|[^a-z0-9'])(?:${rule.en.map(escapeRegExp).join('|')})(?=$|[^a-z0-9'])`),
  zh: rule.zh,
}));

const cache = new Map<string, DvbGenre | null>();
const CACHE_LIMIT = 2000;

/**
 * The DVB level-1 genre of a free-text label ("News", "Crime Drama", "电视剧", "少儿动画"), or undefined
 * when the label says nothing we recognise. A DVB genre id itself ("sports") maps to itself.
 */
export function genreOfLabel(label: string): DvbGenre | undefined {
  const key = label.trim().toLowerCase();
  if (key.length === 0) return undefined;
  const cached = cache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  let found: DvbGenre | undefined = (DVB_GENRES as readonly string[]).includes(key) && key !== 'undefined' ? key as DvbGenre : undefined;
  if (!found) {
    for (const matcher of MATCHERS) {
      if (matcher.en.test(key) || matcher.zh.some((fragment) => key.includes(fragment))) {
        found = matcher.genre;
        break;
      }
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, found ?? null);
  return found;
}

/** The genres of a list of labels, in label order, without duplicates. */
export function genresOfLabels(labels: Iterable<string>): DvbGenre[] {
  const out: DvbGenre[] = [];
  for (const label of labels) {
    const genre = genreOfLabel(label);
    if (genre && !out.includes(genre)) out.push(genre);
  }
  return out;
}
