import { Badge, Box, Flex, Link, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { articleEditPath, useNewsroomResource, type RailView } from '../api';

/** As many cards as a home page widget holds without scrolling. */
const SHOWN = 5;

/**
 * The admin home page's view of the Latest rail: its top cards as readers see them now, each
 * linking to its article in the Content Manager (cards seen only on scraped pages have none).
 */
export function RailWidget() {
  const rail = useNewsroomResource<RailView>(`/newsroom/rail?limit=${SHOWN}`);
  if (rail.problem) return <Widget.Error>{`The rail could not be loaded: ${rail.problem.message}`}</Widget.Error>;
  if (!rail.data) return <Widget.Loading />;
  if (rail.data.cards.length === 0) return <Widget.NoData>The rail is empty: publish an article to fill it.</Widget.NoData>;
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="rail-widget">
      {rail.data.cards.map((card) => (
        <Flex key={card.position} gap={3} alignItems="flex-start" data-testid="rail-widget-card">
          <Box minWidth="2rem">
            <Typography variant="sigma" textColor="neutral600">
              {card.position}
            </Typography>
          </Box>
          <Flex direction="column" alignItems="flex-start" gap={1}>
            {card.article ? (
              <Link tag={NavLink} to={articleEditPath(card.article.documentId)}>
                {card.text}
              </Link>
            ) : (
              <Typography variant="omega">{card.text}</Typography>
            )}
            {card.kind === 'sponsored' ? (
              <Badge backgroundColor="warning100" textColor="warning700">
                {card.sponsor ? `Sponsored · ${card.sponsor}` : 'Sponsored'}
              </Badge>
            ) : null}
          </Flex>
        </Flex>
      ))}
    </Flex>
  );
}
