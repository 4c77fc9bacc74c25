/**
 * Shapes of the "The Latest" rail. The Strapi rail service builds the inputs, stores an
 * `AssembledRail` as JSON in one record and cuts it per request with `viewRail`, so these shapes
 * change only together with that service.
 */

/**
 * 'sponsored' marks a card paid for by a sponsor. Two different things carry it (see assembleRail):
 * a published sponsored article's card, which has a real blurb and lives in the timeline, and an
 * observed sponsor label ("Sponsored by X"), which occupies a fixed slot.
 */
export type CardKind = 'editorial' | 'sponsored';

/** What a card needs to link to its article. */
export interface ArticleRef {
  documentId: string;
  slug: string | null;
  title: string;
}

/** A published article offered to the rail (the service passes only the newest N). */
export interface ArticleCandidate {
  documentId: string;
  slug: string | null;
  title: string;
  /** The card text: the article's teaser text, or its dek when it has no teaser. */
  text: string;
  /** Observed cards showing the dek instead of the teaser are still this article's card. */
  dek?: string | null;
  kind: CardKind;
  sponsor: string | null;
  /** When readers first saw the story (its first publication, kept through corrections), ISO 8601. */
  publishedAt: string;
}

/** One card of a rail as a scraped page showed it. A blank card is an empty slot on the page. */
export interface ObservedCard {
  text: string;
  kind: 'editorial' | 'sponsored' | 'blank';
  sponsor: string | null;
  /** The page was cut off inside this card: its text is only the start of a card. */
  cut?: boolean;
}

/** A whole rail as one scraped page showed it, newest card first. */
export interface ObservedRail {
  /** ISO 8601: when the page was fetched. */
  observedAt: string;
  cards: ObservedCard[];
}

export interface RailCard {
  /** 1-based position in the view. */
  position: number;
  text: string;
  kind: CardKind;
  sponsor: string | null;
  /** The article the card links to; null for a card only seen on scraped pages. */
  article: ArticleRef | null;
}

export type StoredRailCard = Omit<RailCard, 'position'>;

export interface SponsoredSlot {
  /** 1-based position in any view, whatever is excluded. */
  position: number;
  card: StoredRailCard;
}

/** A card an editor pinned, at the position it holds in any view (unless it is excluded). */
export type PinnedSlot = SponsoredSlot;

/** Which card an editor's decision is about: an article's card, or a card known only by its text. */
export type CardTarget =
  | { article: string }
  /** A card no article carries (a teaser of its own); kind and sponsor say how to show it when pinned. */
  | { text: string; kind?: CardKind; sponsor?: string | null };

/** An editor's pin: the card takes `position` in every view, until `until` when there is one. */
export interface RailPin {
  target: CardTarget;
  /** 1-based. */
  position: number;
  /** ISO 8601: of two pins asking for one position, the newer takes it. */
  pinnedAt: string;
  /** ISO 8601: the pin is out of force from then on; null keeps it until it is cleared. */
  until: string | null;
}

/** What editors decided about the rail, given to the assembly as it stands at `now`. */
export interface RailCuration {
  /** ISO 8601: pins whose `until` is not after it are out of force. */
  now: string;
  pins: readonly RailPin[];
  /** Cards never shown, whatever else says so. */
  hidden: readonly CardTarget[];
}

/** What is stored, as JSON, in the one rail record. */
export interface AssembledRail {
  /**
   * The timeline, newest first, deduped, at most `capacity` cards. Despite the name it also holds
   * published sponsored articles' cards (kind 'sponsored'): they move with time like any story.
   */
  editorial: StoredRailCard[];
  /** Fixed slots for observed sponsor labels, ascending by position, at most one per position. */
  sponsoredSlots: SponsoredSlot[];
  /**
   * Pinned cards at the positions they hold, ascending by position, never on a sponsored slot's
   * position. Absent in rails stored before editors could pin.
   */
  pinnedSlots?: PinnedSlot[];
  /** ISO 8601: when the first pin in force expires and the rail must be assembled again; null when none does. */
  reassembleAt?: string | null;
  /** How many timeline cards were kept: enough for the largest view plus one excluded card. */
  capacity: number;
}

/** How many cards a view shows when the request does not say. */
export const DEFAULT_RAIL_LIMIT = 20;
/** The most cards one view may ask for. */
export const MAX_RAIL_LIMIT = 100;
