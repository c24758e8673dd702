import { CLICK_SHARE_OF_OPENS, OPEN_SHARE, readerFetches, trackingLinks } from './email-engagement';
import { SeededRandom } from './seeded-random';

const HTML = `<html><body><p>Bonjour</p>
<a href="http://localhost:4000/t/c/abc.def?x=1&amp;y=2">Voir</a>
<a href='http://localhost:4000/t/c/ghi'>Boutique</a>
<a href="http://localhost:4000/u/zzz">Se désinscrire</a>
<img src="http://localhost:4000/t/o/pix" width="1" height="1" alt=""></body></html>`;

describe('trackingLinks', () => {
  it('finds the open pixel and the tracked links, never the unsubscribe link', () => {
    expect(trackingLinks(HTML)).toEqual({
      open: 'http://localhost:4000/t/o/pix',
      clicks: ['http://localhost:4000/t/c/abc.def?x=1&y=2', 'http://localhost:4000/t/c/ghi'],
    });
  });

  it('finds nothing in an email without tracking', () => {
    expect(trackingLinks('<p>Plain <a href="https://zoro.example/">link</a></p>')).toEqual({
      open: null,
      clicks: [],
    });
  });
});

describe('readerFetches', () => {
  it('opens about the open share of emails and clicks about the click share of those', () => {
    const random = new SeededRandom(11);
    const links = trackingLinks(HTML);
    const readers = Array.from({ length: 4_000 }, () => readerFetches(random, links));
    const opened = readers.filter((fetches) => fetches[0] === links.open).length / readers.length;
    const clicked = readers.filter((fetches) => fetches.length === 2).length / readers.length;
    expect(opened).toBeCloseTo(OPEN_SHARE, 1);
    expect(clicked).toBeCloseTo(OPEN_SHARE * CLICK_SHARE_OF_OPENS, 1);
    for (const fetches of readers.filter((f) => f.length === 2)) expect(links.clicks).toContain(fetches[1]);
  });

  it('never fetches anything from an email without an open pixel', () => {
    const random = new SeededRandom(1);
    const links = { open: null, clicks: ['http://localhost:4000/t/c/x'] };
    expect(Array.from({ length: 50 }, () => readerFetches(random, links)).flat()).toEqual([]);
  });
});
