import type { Core } from '@strapi/strapi';

export const RAIL_OBSERVATION_UID = 'plugin::newsroom.rail-observation';

export interface ObservedCardInput {
  text: string;
  kind: 'editorial' | 'sponsored' | 'blank';
  sponsor: string | null;
}

/**
 * The Latest rail. Observed rails (as scraped pages showed them) are kept as they were seen; the
 * assembled rail is built from them and from published articles.
 */
const railService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async recordObservation(observation: { observedAt: Date; source: string; cards: ObservedCardInput[] }): Promise<void> {
    await strapi.db.query(RAIL_OBSERVATION_UID).create({
      data: {
        observedAt: observation.observedAt,
        source: observation.source,
        cards: observation.cards.map(({ text, kind, sponsor }) => ({ text, kind, sponsor })),
      },
    });
  },
});

export default railService;
export type RailService = ReturnType<typeof railService>;
