/**
 * Synthetic scraped pages in the site's real layouts, for the benchmark. All text is invented here
 * from small word lists and a fixed seed, so every run on every machine reads the same pages.
 *
 * The repetition is what the real scrapes have: each story is scraped several times (from other
 * URLs, in other layouts, sometimes cut off mid-word), the lead teaser on top of a page is the card
 * of a story published just before it, and "The Latest" rail shows the cards of the newest stories,
 * so neighbouring pages share most of their rail.
 */

export type GeneratedShape = 'rail' | 'category' | 'title-first' | 'sponsor-first' | 'rail-cut';

export interface GeneratedStory {
  index: number;
  /** The site's article number, as in its URLs. */
  number: number;
  title: string;
  /** The dek line: a sentence, or "Sponsored by X" for sponsored content. */
  dek: string;
  sponsor: string | null;
  category: string;
  /** "Mar 14, 2024" as the category header shows it, and the same day as YYYY-MM-DD. */
  dateLabel: string;
  isoDate: string;
  body: string[];
  image: { file: string; caption: string } | null;
  related: string | null;
}

export interface GeneratedPage {
  /** A file name, used as the page's source. */
  file: string;
  url: string;
  text: string;
  story: number;
  shape: GeneratedShape;
  /** What the page reader must find in it (checked by checkPage). */
  expected: {
    shape: 'rail' | 'category' | 'title-first' | 'sponsor-first';
    title: string;
    dek: string;
    category: string | null;
    leadTeaser: string | null;
    railCards: number | null;
    truncated: boolean;
  };
}

export interface Corpus {
  seed: number;
  stories: GeneratedStory[];
  pages: GeneratedPage[];
}

/** mulberry32: a tiny, fast, well-spread PRNG; the same seed gives the same corpus everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- invented vocabulary ------------------------------------------------------------------------

const SURNAMES = [
  'Ashgrove', 'Brannock', 'Castellan', 'Dunmore', 'Elsworth', 'Fairbairn', 'Galloway', 'Harrowgate', 'Ingleby',
  'Jessop', 'Kilbride', 'Lindqvist', 'Marchetti', 'Northcote', 'Okonjo', 'Pemberton', 'Quillan', 'Rosendahl',
  'Sarkissian', 'Thorncliffe', 'Underhill', 'Valcourt', 'Westerly', 'Yardley', 'Zimmerly', 'Abernethy', 'Bexley',
  'Coldwell', 'Delacroix', 'Everhart', 'Finchley', 'Grisham', 'Holloway', 'Iverson', 'Kestrel', 'Lockhart',
];
const FIRST_NAMES = [
  'Anya', 'Bram', 'Celia', 'Dorian', 'Esme', 'Felix', 'Greta', 'Hugo', 'Imani', 'Jonas', 'Kira', 'Lionel', 'Maren',
  'Nikhil', 'Odette', 'Pavel', 'Rhea', 'Silas', 'Tamsin', 'Viktor', 'Wren', 'Yusuf', 'Zara', 'Ansel',
];
const BUSINESSES = [
  'Gem Labs', 'Fine Jewelry', 'Refining', 'Diamond Cutters', 'Pearl Company', 'Watch Works', 'Casting Studio',
  'Bench Supply', 'Goldsmiths', 'Jewelers', 'Estate Buyers', 'Mining Group',
];
const CITIES: Array<[string, string]> = [
  ['Tacoma', 'Wash.'], ['Asheville', 'N.C.'], ['Duluth', 'Minn.'], ['Lisbon', 'Portugal'], ['Ghent', 'Belgium'],
  ['Provo', 'Utah'], ['Boise', 'Idaho'], ['Lyon', 'France'], ['Porto', 'Portugal'], ['Savannah', 'Ga.'],
  ['Toledo', 'Ohio'], ['Spokane', 'Wash.'], ['Bergen', 'Norway'], ['Tulsa', 'Okla.'], ['Halifax', 'Nova Scotia'],
  ['Mobile', 'Ala.'], ['Utrecht', 'Netherlands'], ['Fresno', 'Calif.'], ['Dayton', 'Ohio'], ['Geneva', 'Switzerland'],
];
const CATEGORIES = ['Business', 'Retail', 'Design', 'Columns', 'Gemstones', 'Watches', 'Supply Chain', 'Events'];
const SPONSORS = ['Corrigan Assay Services', 'the Tillbrook Design Institute', 'Vantner Tools', 'Marchbank Metals'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Headline verbs and objects; "in <City>" or "for <Year>" closes the headline. */
const HEADLINE_ACTIONS = [
  'Opens Grading Center', 'Buys Regional Chain', 'Names New Chief Executive', 'Expands Casting Workshop',
  'Launches Recycled Gold Line', 'Closes Flagship Store', 'Wins Design Award', 'Adds Pearl Collection',
  'Raises Prices on Findings', 'Hires Head of Sourcing', 'Moves Headquarters', 'Starts Apprentice Program',
  'Cuts Lab Turnaround Times', 'Signs Supply Deal', 'Reports Record Quarter', 'Debuts Watch Repair Service',
  'Restores Historic Storefront', 'Trims Staff After Slow Season', 'Backs Origin Tracing Pilot',
  'Unveils Bridal Collection',
];
const OBJECTS = [
  'bridal rings', 'colored stones', 'cultured pearls', 'recycled gold', 'estate pieces', 'watch straps',
  'platinum castings', 'lab reports', 'custom signets', 'enamel pendants', 'tennis bracelets', 'hoop earrings',
];
const DEK_VERBS = [
  'expects the move to', 'said the change will', 'hopes the new site will', 'plans to use the funds to',
  'said the program should', 'believes the deal will',
];
const DEK_GOALS = [
  'shorten wait times on', 'bring more bench work on', 'reach younger buyers of', 'double its output of',
  'steady its supply of', 'win back wholesale accounts for',
];
const BODY_TEMPLATES: Array<(s: Tokens) => string> = [
  (s) => `${s.company} said the project cost about $${s.n(2, 40)} million and took ${s.n(6, 30)} months to finish.`,
  (s) => `The company employs ${s.n(12, 400)} people and sells ${s.object} through ${s.n(3, 90)} retail partners.`,
  (s) => `“We have waited a long time for this,” said ${s.person}, who joined ${s.company} in ${s.n(1985, 2020)}.`,
  (s) => `${s.person} said demand for ${s.object} rose ${s.n(3, 45)} percent over the past year.`,
  (s) => `The ${s.city} site will handle about ${s.n(2, 95)},000 pieces a year once it is fully staffed.`,
  (s) => `Analysts at ${s.other} said the move reflects a wider shift toward ${s.object} in ${s.n(2019, 2024)}.`,
  (s) => `${s.company} plans a second phase in ${s.n(2025, 2029)} if sales of ${s.object} keep growing.`,
  (s) => `Retail partners will get a ${s.n(5, 30)} percent discount on ${s.object} ordered before the end of the quarter.`,
  (s) => `${s.person} said the team tested ${s.n(10, 250)} designs before settling on the final ${s.object}.`,
  (s) => `The firm will hold an open house for ${s.n(20, 300)} trade guests at its ${s.city} location next month.`,
  (s) => `According to ${s.person}, about ${s.n(10, 90)} percent of ${s.company}’s customers now ask where their metal comes from.`,
];
const LIST_TEMPLATES: Array<(s: Tokens, i: number) => string> = [
  (s, i) => `${i}. Review the ${s.object} inventory at least ${s.n(2, 9)} times a year.`,
  (s, i) => `${i}. Keep receipts for every lot bought from ${s.other}.`,
  (s, i) => `${i}. Ask ${s.person} for the updated price list before ordering ${s.object}.`,
];

interface Tokens {
  company: string;
  other: string;
  person: string;
  city: string;
  object: string;
  n(min: number, max: number): number;
}

// ---- the corpus ---------------------------------------------------------------------------------

export interface CorpusOptions {
  pages: number;
  seed?: number;
  /** Make at least this many stories, even beyond those the pages show (an archive to fill). */
  minStories?: number;
}

/** How many scrapes a story arrives in: 1 to 4, about 2.3 on average. */
const SCRAPES_WEIGHTS: Array<[number, number]> = [[1, 0.3], [2, 0.3], [3, 0.25], [4, 0.15]];
/** Cards the rail shows; sponsored slots sit at fixed places, as on the site. */
const RAIL_CARDS = 18;
const SPONSORED_SLOTS = new Set([3, 9]);
/** A later scrape of a story comes this many stories after it at most. */
const RESCRAPE_SPREAD = 40;

export function generateCorpus({ pages: pageCount, seed = 20240314, minStories = 0 }: CorpusOptions): Corpus {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

  const stories: GeneratedStory[] = [];
  const titles = new Set<string>();
  const deks = new Set<string>();
  // Scrapes of stories: [time, story, scrape number]; sorted by time they are the ingest order.
  const scrapes: Array<{ at: number; story: number; nth: number }> = [];

  for (let index = 0; scrapes.length < pageCount || index < minStories; index += 1) {
    const story = makeStory(index);
    stories.push(story);
    let count = 1;
    let roll = random();
    for (const [n, weight] of SCRAPES_WEIGHTS) {
      if (roll < weight) {
        count = n;
        break;
      }
      roll -= weight;
    }
    for (let nth = 0; nth < count; nth += 1) {
      scrapes.push({ at: nth === 0 ? index : index + random() * RESCRAPE_SPREAD, story: index, nth });
    }
  }
  scrapes.sort((a, b) => a.at - b.at || a.story - b.story || a.nth - b.nth);
  const pages = scrapes.slice(0, pageCount).map((scrape, i) => makePage(scrape, i));
  return { seed, stories, pages };

  function makeStory(index: number): GeneratedStory {
    const number = 10_000 + index;
    const city = pick(CITIES);
    const company = `${pick(SURNAMES)} ${pick(BUSINESSES)}`;
    let title = '';
    for (let attempt = 0; attempt < 50 && (title === '' || titles.has(title)); attempt += 1) {
      const place = random() < 0.75 ? `in ${pick(CITIES)[0]}` : `for ${int(2024, 2027)}`;
      title = `${company} ${pick(HEADLINE_ACTIONS)} ${place}`;
      if (titles.has(title)) title = `${pick(SURNAMES)} ${title}`;
    }
    // A title is unique across the corpus: a clash after 50 tries gets the article number.
    if (titles.has(title)) title = `${title} No. ${number}`;
    titles.add(title);

    const object = pick(OBJECTS);
    const tokens: Tokens = {
      company,
      other: `${pick(SURNAMES)} ${pick(BUSINESSES)}`,
      person: `${pick(FIRST_NAMES)} ${pick(SURNAMES)}`,
      city: city[0],
      object,
      n: int,
    };
    const sponsor = random() < 0.05 ? pick(SPONSORS).replace(/^the /, '') : null;
    let dek = '';
    if (sponsor !== null) dek = `Sponsored by ${sponsor}`;
    else {
      do {
        dek = `The ${city[0]} ${pick(['firm', 'company', 'retailer', 'lab', 'workshop'])} ${pick(DEK_VERBS)} ${pick(DEK_GOALS)} ${object} within ${int(2, 36)} months.`;
      } while (deks.has(dek));
      deks.add(dek);
    }

    const body: string[] = [];
    const place = random() < 0.5 ? `${city[0]}, ${city[1]}` : city[0];
    body.push(`${place}—${company} has ${pick(['announced', 'confirmed', 'completed'])} a plan involving ${object}, ${tokens.person} said ${pick(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])}.`);
    const paragraphs = int(4, 8);
    const used = new Set<number>();
    while (body.length < paragraphs) {
      const template = int(0, BODY_TEMPLATES.length - 1);
      if (used.has(template)) continue;
      used.add(template);
      body.push(BODY_TEMPLATES[template](tokens));
    }
    if (random() < 0.15) {
      body.push(`${tokens.person} offered three tips for retailers:`);
      LIST_TEMPLATES.forEach((template, i) => body.push(template(tokens, i + 1)));
    }

    const year = int(2022, 2024);
    const month = int(0, 11);
    const day = int(1, 28);
    const related = index > 5 && random() < 0.3 ? stories[index - int(1, Math.min(index, 60))].title : null;
    return {
      index,
      number,
      title,
      dek,
      sponsor,
      category: pick(CATEGORIES),
      dateLabel: `${MONTHS[month]} ${day}, ${year}`,
      isoDate: `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      body,
      image:
        random() < 0.6
          ? { file: `${year}${String(month + 1).padStart(2, '0')}${String(day).padStart(2, '0')}_${company} ${object}.jpg`, caption: `${tokens.person} at the ${company} site in ${city[0]}. (Photo courtesy of ${company})` }
          : null,
      related,
    };
  }

  /** The card a story shows in rails: its dek, or its sponsor label. */
  function cardOf(story: GeneratedStory): string {
    return story.dek;
  }

  /** The rail as the site showed it at a given moment: the newest stories' cards before it. */
  function railAt(at: number): string[] {
    const newest = Math.min(Math.floor(at), stories.length) - 1;
    const cards: string[] = [];
    let next = newest;
    for (let slot = 0; slot < RAIL_CARDS; slot += 1) {
      if (SPONSORED_SLOTS.has(slot)) {
        cards.push(`${slot === 9 ? 'Supplier Spotlight ' : ''}Sponsored by ${SPONSORS[(slot + Math.floor(at / 25)) % SPONSORS.length]}`);
      } else if (next >= 0) {
        cards.push(cardOf(stories[next]));
        next -= 1;
      }
    }
    return cards;
  }

  function makePage(scrape: { at: number; story: number; nth: number }, position: number): GeneratedPage {
    const story = stories[scrape.story];
    const slug = story.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const url = `https://news.example.test/articles/${story.number}-${slug}${scrape.nth > 0 ? `?from=${scrape.nth}` : ''}`;
    const rail = railAt(scrape.at);
    // The lead teaser is the card of a story published shortly before the scrape, never its own.
    let earlier = Math.min(Math.floor(scrape.at), stories.length) - 1 - Math.floor(random() * 3);
    if (earlier === story.index) earlier -= 1;
    const teaser = earlier >= 0 && stories[earlier].sponsor === null ? cardOf(stories[earlier]) : null;
    // Sponsored stories appear as the site shows them: under a teaser, with the label as the dek.
    const shape: GeneratedShape =
      story.sponsor !== null
        ? teaser !== null ? 'rail' : 'title-first'
        : scrape.nth === 0
          ? pickShape(['rail', 'rail', 'category', 'title-first', 'sponsor-first'], teaser)
          : pickShape(['rail', 'category', 'title-first', 'sponsor-first', 'rail-cut'], teaser);

    const bodyLines = [...story.body];
    if (story.related !== null) bodyLines.splice(Math.min(3, bodyLines.length), 0, `RELATED CONTENT: ${story.related}`);
    const railBlock = ['The Latest', '', ...rail.flatMap((card) => [card, ''])];
    let text: string;
    let expectedShape: GeneratedPage['expected']['shape'];
    let truncated = false;
    let leadTeaser: string | null = null;
    let railCards: number | null = rail.length;
    let category: string | null = null;

    switch (shape) {
      case 'category': {
        const image = story.image ? [story.image.file, story.image.caption, ''] : [];
        text = [
          story.category, '', story.title, '', `${story.category}${story.dateLabel}`, '', story.title, '', story.dek, '',
          ...image, ...bodyLines.flatMap((line) => [line, '']),
        ].join('\n');
        expectedShape = 'category';
        category = story.category;
        railCards = 0;
        break;
      }
      case 'sponsor-first':
        text = [`Sponsored by ${SPONSORS[story.index % SPONSORS.length]}`, story.title, story.dek, '', ...bodyLines, ...railBlock].join('\n');
        expectedShape = 'sponsor-first';
        break;
      case 'title-first':
        text = [story.title, story.dek, '', ...bodyLines, ...railBlock].join('\n');
        expectedShape = 'title-first';
        break;
      case 'rail':
      case 'rail-cut': {
        leadTeaser = teaser;
        text = [teaser as string, story.title, story.dek, '', ...bodyLines, ...railBlock].join('\n');
        expectedShape = 'rail';
        if (shape === 'rail-cut') {
          // The scrape cap cuts the page mid-word, in the rail or late in the body.
          const head = text.indexOf('\n', text.indexOf(story.dek)) + 1;
          let cut = head + Math.floor((text.length - head) * (0.55 + random() * 0.4));
          while (cut < text.length - 1 && !(/[a-z]/.test(text[cut - 1]) && /[a-z]/.test(text[cut]))) cut += 1;
          text = text.slice(0, cut);
          truncated = true;
          railCards = null;
        }
        break;
      }
    }
    if (shape !== 'rail-cut') text += '\n';
    return {
      file: `bench-${String(position).padStart(6, '0')}-${story.number}-${shape}.txt`,
      url,
      text,
      story: story.index,
      shape,
      expected: { shape: expectedShape, title: story.title, dek: story.dek, category, leadTeaser, railCards, truncated },
    };
  }

  function pickShape(shapes: GeneratedShape[], teaser: string | null): GeneratedShape {
    const shape = pick(shapes);
    // Without a story before it there is no teaser to put on top.
    return teaser === null && (shape === 'rail' || shape === 'rail-cut') ? 'title-first' : shape;
  }
}

/**
 * What the page reader makes of a generated page, against what the page was made to say.
 * Returns the differences (empty when the page reads as intended).
 */
export function checkPage(
  page: GeneratedPage,
  read: { shape: string; title: string | null; dek: string | null; category: string | null; leadTeaser: string | null; rail: unknown[]; truncated: boolean },
): string[] {
  const problems: string[] = [];
  const expect = page.expected;
  const compare = (field: string, actual: unknown, wanted: unknown) => {
    if (actual !== wanted) problems.push(`${field}: read ${JSON.stringify(actual)}, meant ${JSON.stringify(wanted)}`);
  };
  compare('shape', read.shape, expect.shape);
  compare('title', read.title, expect.title);
  compare('dek', read.dek, expect.dek);
  compare('category', read.category, expect.category);
  compare('leadTeaser', read.leadTeaser, expect.leadTeaser);
  compare('truncated', read.truncated, expect.truncated);
  if (expect.railCards !== null) compare('rail cards', read.rail.length, expect.railCards);
  return problems;
}
