import { describe, expect, it } from '@jest/globals';
import { parseHtml } from '../dom/html-document.js';
import { extractBodyFromDom } from './article-body.js';

const paragraph = (topic: string): string =>
  `<p>Residents of the district said the ${topic}, which had been promised for years, changed their daily routine, and officials agreed.</p>`;

describe('extractBodyFromDom', () => {
  it('joins a body split into chunks by ads, in page order and without repeating a chunk', () => {
    const html = `<html><body><article>
      <div class="article__body"><div class="article__body">${paragraph('new bridge')}${paragraph('bus line')}</div></div>
      <div class="ad-container"><p>Advertisement</p></div>
      <div class="promo"><a href="/x">Five things to do this weekend in the city centre</a></div>
      <div class="article__body">${paragraph('night market')}${paragraph('bike lanes')}</div>
    </article></body></html>`;
    const body = extractBodyFromDom(parseHtml(html));
    const order = ['new bridge', 'bus line', 'night market', 'bike lanes'].map((t) => body.indexOf(t));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(body.match(/new bridge/g)).toHaveLength(1);
    expect(body).not.toContain('Advertisement');
    expect(body).not.toContain('Five things');
  });

  it('drops Russian boilerplate lines inside the body', () => {
    const html = `<html><body><div class="text">
      <p>Паром вернулся на линию после ремонта, и жители острова снова ездят на материк каждый день, как и раньше.</p>
      <p>Реклама</p>
      <p>Читайте также: как остров пережил шторм</p>
      <p>Оператор обещает дополнительные рейсы по пятницам до конца декабря, чтобы вывезти накопившиеся грузы.</p>
      <p>Подписывайтесь на наш канал в Telegram</p>
    </div></body></html>`;
    const body = extractBodyFromDom(parseHtml(html));
    expect(body).toContain('Паром вернулся на линию');
    expect(body).toContain('дополнительные рейсы');
    for (const line of ['Реклама', 'Читайте также', 'Подписывайтесь']) expect(body).not.toContain(line);
  });
});
