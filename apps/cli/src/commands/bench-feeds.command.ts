import { writeFileSync } from 'node:fs';
import { parseFeed, parseSitemap, parseTelegramChannel } from '@media-monitor/feeds';

export interface BenchFeedsOptions {
  items: number;
  rounds: number;
  out?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const paragraph = (i: number) =>
  `Volunteers of the BARS-Kursk battalion number ${i} trained near the border for ${i % 9} days, officials said, and residents of district ${i % 31} were told about new shelters.`;
const date = (i: number) => new Date(Date.UTC(2026, 10, 25) - i * 600_000);

/** Synthetic documents of each format with `n` items, about the size real news feeds have per item. */
function documents(n: number): Array<{ format: string; text: string; parse: (input: string | Uint8Array) => number }> {
  const range = Array.from({ length: n }, (_, i) => i);
  const rss = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bench</title><link>https://bench.example/</link>${range
    .map(
      (i) =>
        `<item><title>Item ${i} &amp; more</title><link>https://bench.example/news/${i}?utm_source=rss</link><guid>bench-${i}</guid><description>${esc(`<p>${paragraph(i)}</p>`)}</description><content:encoded><![CDATA[<p>${paragraph(i)}</p><p>${paragraph(i + 1)}</p><p>${paragraph(i + 2)}</p>]]></content:encoded><dc:creator>Desk</dc:creator><category>Defence</category><pubDate>${date(i).toUTCString()}</pubDate></item>`,
    )
    .join('')}</channel></rss>`;
  const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Bench</title>${range
    .map(
      (i) =>
        `<entry><id>urn:bench:${i}</id><title type="html">Item ${i}</title><link rel="alternate" href="https://bench.example/a/${i}"/><published>${date(i).toISOString()}</published><updated>${date(i).toISOString()}</updated><author><name>Desk</name></author><summary>${esc(paragraph(i))}</summary><content type="html">${esc(`<p>${paragraph(i)}</p><p>${paragraph(i + 1)}</p>`)}</content></entry>`,
    )
    .join('')}</feed>`;
  const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://bench.example/"><title>Bench</title></channel>${range
    .map(
      (i) =>
        `<item rdf:about="https://bench.example/r/${i}"><title>Item ${i}</title><link>https://bench.example/r/${i}</link><description>${esc(paragraph(i))}</description><dc:date>${date(i).toISOString()}</dc:date></item>`,
    )
    .join('')}</rdf:RDF>`;
  const json = JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Bench',
    items: range.map((i) => ({
      id: `${i}`,
      url: `https://bench.example/j/${i}`,
      title: `Item ${i}`,
      content_html: `<p>${paragraph(i)}</p><p>${paragraph(i + 1)}</p>`,
      date_published: date(i).toISOString(),
    })),
  });
  const sitemap = `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${range
    .map(
      (i) =>
        `<url><loc>https://bench.example/s/${i}</loc><news:news><news:publication><news:name>Bench</news:name><news:language>en</news:language></news:publication><news:publication_date>${date(i).toISOString()}</news:publication_date><news:title>Item ${i}</news:title></news:news></url>`,
    )
    .join('')}</urlset>`;
  const telegram = `<!DOCTYPE html><html><body><div class="tgme_channel_info_header_title"><span>bench</span></div>${range
    .map(
      (i) =>
        `<div class="tgme_widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="bench/${i}"><div class="tgme_widget_message_text js-message_text">${esc(paragraph(i))}<br/><a href="https://bench.example/t/${i}">link</a></div><div class="tgme_widget_message_footer"><span class="tgme_widget_message_views">${i}.2K</span><a class="tgme_widget_message_date" href="https://t.me/bench/${i}"><time datetime="${date(i).toISOString()}">10:00</time></a></div></div></div>`,
    )
    .join('')}</body></html>`;
  return [
    { format: 'RSS 2.0', text: rss, parse: (t) => parseFeed(t).items.length },
    { format: 'Atom', text: atom, parse: (t) => parseFeed(t).items.length },
    { format: 'RSS 1.0 (RDF)', text: rdf, parse: (t) => parseFeed(t).items.length },
    { format: 'JSON Feed', text: json, parse: (t) => parseFeed(t).items.length },
    { format: 'Google News sitemap', text: sitemap, parse: (t) => parseSitemap(t).urls.length },
    { format: 'Telegram preview', text: telegram, parse: (t) => parseTelegramChannel(t).posts.length },
  ];
}

/** `media-monitor bench feeds`: items per second of each parser on one core (bytes given as Buffers). */
export async function runBenchFeeds(options: BenchFeedsOptions): Promise<void> {
  const results: Array<{ format: string; bytes: number; items: number; itemsPerSecond: number; mbPerSecond: number }> =
    [];
  for (const doc of documents(options.items)) {
    const bytes = Buffer.from(doc.text);
    const items = doc.parse(bytes);
    if (items !== options.items) throw new Error(`${doc.format}: parsed ${items} items, expected ${options.items}`);
    parseAll(doc, bytes, 1); // warm-up
    const started = process.hrtime.bigint();
    parseAll(doc, bytes, options.rounds);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    results.push({
      format: doc.format,
      bytes: bytes.length,
      items,
      itemsPerSecond: Math.round((items * options.rounds) / seconds),
      mbPerSecond: Math.round(((bytes.length * options.rounds) / seconds / 1e6) * 10) / 10,
    });
  }
  process.stdout.write(`feed parsing, ${options.items} items per document, ${options.rounds} rounds (one core)\n`);
  for (const r of results) {
    process.stdout.write(
      `  ${r.format.padEnd(20)} ${String(Math.round(r.bytes / 1024)).padStart(6)} KiB  ${String(r.itemsPerSecond).padStart(8)} items/s  ${String(r.mbPerSecond).padStart(6)} MB/s\n`,
    );
  }
  if (options.out)
    writeFileSync(
      options.out,
      `${JSON.stringify({ items: options.items, rounds: options.rounds, results }, null, 2)}\n`,
    );
}

function parseAll(doc: { parse: (input: string | Uint8Array) => number }, bytes: Buffer, rounds: number): void {
  for (let r = 0; r < rounds; r++) doc.parse(bytes);
}
