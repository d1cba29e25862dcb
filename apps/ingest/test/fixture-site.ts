import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

export interface Route {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Compress the body with this content encoding. */
  encoding?: 'gzip' | 'br' | 'deflate';
  /** Answer 304 when the request's If-None-Match matches this ETag. */
  etag?: string;
  /** Stream this many bytes of filler (for size limits). */
  streamBytes?: number;
}

/** A local web site for tests: routes by path, records every request. */
export class FixtureSite {
  readonly requests: Array<{ path: string; headers: IncomingMessage['headers'] }> = [];
  private readonly routes = new Map<string, Route | ((req: IncomingMessage) => Route)>();
  private server!: Server;
  url = '';

  static async start(): Promise<FixtureSite> {
    const site = new FixtureSite();
    site.server = createServer((req, res) => {
      const path = req.url ?? '/';
      site.requests.push({ path, headers: req.headers });
      const entry = site.routes.get(path);
      const route = typeof entry === 'function' ? entry(req) : entry;
      if (!route) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      if (route.etag && req.headers['if-none-match'] === route.etag) {
        res.writeHead(304, { etag: route.etag }).end();
        return;
      }
      const headers: Record<string, string> = { ...route.headers, ...(route.etag ? { etag: route.etag } : {}) };
      if (route.streamBytes) {
        res.writeHead(route.status ?? 200, headers);
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        let sent = 0;
        const write = () => {
          while (sent < route.streamBytes!) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', write);
          }
          res.end();
        };
        res.on('error', () => undefined);
        write();
        return;
      }
      let body = typeof route.body === 'string' ? Buffer.from(route.body) : (route.body ?? Buffer.alloc(0));
      if (route.encoding) {
        body =
          route.encoding === 'gzip'
            ? gzipSync(body)
            : route.encoding === 'br'
              ? brotliCompressSync(body)
              : deflateSync(body);
        headers['content-encoding'] = route.encoding;
      }
      res.writeHead(route.status ?? 200, { 'content-length': String(body.length), ...headers }).end(body);
    });
    await new Promise<void>((resolve) => site.server.listen(0, '127.0.0.1', resolve));
    site.url = `http://127.0.0.1:${(site.server.address() as AddressInfo).port}`;
    return site;
  }

  route(path: string, route: Route | ((req: IncomingMessage) => Route)): this {
    this.routes.set(path, route);
    return this;
  }

  hits(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A news page with a headline, a dateline and paragraphs, the way outlets publish them. */
export function articlePage(title: string, paragraphs: string[], publishedAt: string, lang = 'en'): string {
  return `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${xml(title)} | Fixture News</title>
<meta property="og:title" content="${xml(title)}"><meta property="article:published_time" content="${publishedAt}"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav></header>
<main><article><h1>${xml(title)}</h1><p class="byline">By Fixture Desk</p>
${paragraphs.map((p) => `<p>${xml(p)}</p>`).join('\n')}
</article></main><footer><p>© Fixture News. All rights reserved.</p></footer></body></html>`;
}

export function rss2(
  items: Array<{ title: string; link: string; description: string; pubDate: string; content?: string }>,
  encoding = 'UTF-8',
): string {
  return `<?xml version="1.0" encoding="${encoding}"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Fixture RSS</title><link>https://fixture.example/</link>
${items
  .map(
    (i) =>
      `<item><title>${xml(i.title)}</title><link>${xml(i.link)}</link><description>${xml(i.description)}</description>${
        i.content ? `<content:encoded><![CDATA[${i.content}]]></content:encoded>` : ''
      }<pubDate>${i.pubDate}</pubDate></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

export function atom(entries: Array<{ title: string; link: string; summary: string; published: string }>): string {
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Fixture Atom</title><id>urn:fixture</id>
${entries.map((e) => `<entry><id>${xml(e.link)}</id><title>${xml(e.title)}</title><link href="${xml(e.link)}"/><summary>${xml(e.summary)}</summary><published>${e.published}</published><updated>${e.published}</updated></entry>`).join('\n')}
</feed>`;
}

export function rdf(items: Array<{ title: string; link: string; description: string; date: string }>): string {
  return `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://fixture.example/"><title>Fixture RDF</title><link>https://fixture.example/</link></channel>
${items.map((i) => `<item rdf:about="${xml(i.link)}"><title>${xml(i.title)}</title><link>${xml(i.link)}</link><description>${xml(i.description)}</description><dc:date>${i.date}</dc:date></item>`).join('\n')}
</rdf:RDF>`;
}

export function jsonFeed(
  items: Array<{ id: string; url: string; title: string; content_text: string; date_published: string }>,
): string {
  return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Fixture JSON', items });
}

export function newsSitemap(urls: Array<{ loc: string; title: string; date: string }>): string {
  return `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
${urls.map((u) => `<url><loc>${xml(u.loc)}</loc><news:news><news:publication><news:name>Fixture</news:name><news:language>en</news:language></news:publication><news:publication_date>${u.date}</news:publication_date><news:title>${xml(u.title)}</news:title></news:news></url>`).join('\n')}
</urlset>`;
}

export function sitemapIndex(locs: Array<{ loc: string; lastmod: string }>): string {
  return `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${locs.map((l) => `<sitemap><loc>${xml(l.loc)}</loc><lastmod>${l.lastmod}</lastmod></sitemap>`).join('\n')}</sitemapindex>`;
}

export function telegramPage(
  channel: string,
  posts: Array<{ n: number; html: string; views: string; datetime: string }>,
): string {
  return `<!DOCTYPE html><html><body><div class="tgme_channel_info_header_title"><span>${channel}</span></div>
${posts
  .map(
    (
      p,
    ) => `<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="${channel}/${p.n}">
<div class="tgme_widget_message_text js-message_text" dir="auto">${p.html}</div>
<div class="tgme_widget_message_footer"><div class="tgme_widget_message_info"><span class="tgme_widget_message_views">${p.views}</span>
<span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/${channel}/${p.n}"><time datetime="${p.datetime}">10:00</time></a></span></div></div></div></div>`,
  )
  .join('\n')}</body></html>`;
}

/** Ten plausible sentences about a topic, different per seed, for article bodies. */
export function paragraphs(topic: string, seed: number, count = 6): string[] {
  const subjects = [
    'Officials',
    'Volunteers',
    'Residents',
    'Commanders',
    'Analysts',
    'Local deputies',
    'Reservists',
    'Observers',
  ];
  const verbs = ['said', 'reported', 'confirmed', 'noted', 'announced', 'argued', 'explained', 'stressed'];
  const objects = [
    'that training continued through the week',
    'that new equipment arrived at the base',
    'that the regional budget covers the programme',
    'that recruitment had slowed in the autumn',
    'that drills near the border were planned',
    'that families received additional support',
    'that the schedule would be published soon',
    'that the unit had completed its first rotation',
  ];
  return Array.from({ length: count }, (_, i) => {
    const k = (seed * 7 + i * 3) % 8;
    return `${subjects[k]} of ${topic} ${verbs[(k + i) % 8]} ${objects[(k + 2 * i + seed) % 8]}, according to statement number ${seed * 10 + i} issued on day ${i + 1}.`;
  });
}
