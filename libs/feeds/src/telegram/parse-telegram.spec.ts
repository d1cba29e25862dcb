import { describe, expect, it } from '@jest/globals';
import { FeedError } from '../feeds.errors.js';
import { parseTelegramChannel, parseViews } from './parse-telegram.js';

const post = (n: number, text: string, views: string, datetime: string) => `
  <div class="tgme_widget_message_wrap js-widget_message_wrap">
    <div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="bars_news/${n}" data-view="x">
      <div class="tgme_widget_message_bubble">
        <div class="tgme_widget_message_text js-message_text" dir="auto">${text}</div>
        <div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info">
          <span class="tgme_widget_message_views">${views}</span>
          <span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/bars_news/${n}"><time datetime="${datetime}" class="time">10:00</time></a></span>
        </div></div>
      </div>
    </div>
  </div>`;

describe('parseTelegramChannel', () => {
  it('reads posts with text, links, dates and views, skipping posts without text', () => {
    const page = `<!DOCTYPE html><html><body>
      <div class="tgme_channel_info_header_title"><span dir="auto">BARS news</span></div>
      ${post(101, 'Учения батальона <b>«БАРС-Курск»</b><br/>Подробности: <a href="https://kursk.example.ru/news/1">сайт</a> <a href="?q=%23bars">#bars</a>', '1.2K', '2026-11-25T07:00:00+00:00')}
      <div class="tgme_widget_message js-widget_message" data-post="bars_news/102"><div class="tgme_widget_message_photo_wrap"></div></div>
      ${post(103, 'Second post', '987', '2026-11-25T08:30:00+00:00')}
    </body></html>`;
    expect(parseTelegramChannel(page)).toEqual({
      channel: 'bars_news',
      title: 'BARS news',
      posts: [
        {
          postId: 'bars_news/101',
          url: 'https://t.me/bars_news/101',
          text: 'Учения батальона «БАРС-Курск»\nПодробности: сайт #bars',
          publishedAt: '2026-11-25T07:00:00.000Z',
          views: 1200,
          links: ['https://kursk.example.ru/news/1'],
        },
        {
          postId: 'bars_news/103',
          url: 'https://t.me/bars_news/103',
          text: 'Second post',
          publishedAt: '2026-11-25T08:30:00.000Z',
          views: 987,
          links: [],
        },
      ],
    });
  });

  it('reads view counts', () => {
    expect(['15', '1.2K', '3,4M', '2B', 'n/a'].map(parseViews)).toEqual([
      15,
      1200,
      3_400_000,
      2_000_000_000,
      undefined,
    ]);
  });

  it('refuses a page that is no channel preview', () => {
    expect(() => parseTelegramChannel('<html><body><p>Nothing here</p></body></html>')).toThrow(FeedError);
  });
});
