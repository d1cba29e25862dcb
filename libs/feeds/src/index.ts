export { FeedError, type FeedErrorCode } from './feeds.errors.js';
export { decodeXml, type DecodedText } from './decoding/decode-xml.js';
export { parseFeed } from './feed/parse-feed.js';
export type { FeedFormat, FeedItem, ParsedFeed, ParseFeedOptions } from './feed/feed.types.js';
export { parseSitemap, type ParsedSitemap, type SitemapUrl } from './sitemap/parse-sitemap.js';
export {
  parseTelegramChannel,
  parseViews,
  type ParsedTelegramChannel,
  type TelegramPost,
} from './telegram/parse-telegram.js';
export { htmlToText, wordCount } from './text/html-text.js';
export { parseFeedDate } from './dates.js';
