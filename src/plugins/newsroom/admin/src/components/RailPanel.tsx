import { Badge, Box, Button, Flex, Link, Loader, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { NavLink } from 'react-router-dom';
import { articleEditPath, formatDateTime, useNewsroomResource, type RailCard, type RailView } from '../api';
import { ProblemNotice } from './ProblemNotice';

function Card({ card }: { card: RailCard }) {
  return (
    <Box
      data-testid="rail-card"
      data-kind={card.kind}
      padding={4}
      hasRadius
      background={card.kind === 'sponsored' ? 'warning100' : 'neutral0'}
      borderColor={card.kind === 'sponsored' ? 'warning200' : 'neutral150'}
      shadow="tableShadow"
    >
      <Flex gap={3} alignItems="flex-start">
        <Typography variant="sigma" textColor="neutral600" tag="span">
          {card.position}
        </Typography>
        <Flex direction="column" alignItems="flex-start" gap={2} flex={1}>
          {card.kind === 'sponsored' ? (
            <Badge backgroundColor="warning100" textColor="warning700" borderColor="warning200">
              {card.sponsor ? `Sponsored · ${card.sponsor}` : 'Sponsored'}
            </Badge>
          ) : null}
          <Typography variant="omega" fontWeight="semiBold" data-testid="rail-card-text">
            {card.text}
          </Typography>
          {card.article ? (
            <Link tag={NavLink} to={articleEditPath(card.article.documentId)}>
              {card.article.title}
            </Link>
          ) : (
            <Typography variant="pi" textColor="neutral500">
              Seen on scraped pages only; no article is linked.
            </Typography>
          )}
        </Flex>
      </Flex>
    </Box>
  );
}

/** The Latest rail exactly as readers get it from GET /api/latest-rail. */
export function RailPanel() {
  const rail = useNewsroomResource<RailView>('/newsroom/rail?limit=20');
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex justifyContent="space-between">
        <Typography variant="omega" textColor="neutral600">
          {rail.data ? `Version ${rail.data.version}, assembled ${formatDateTime(rail.data.assembledAt)}` : 'The rail as a reader sees it.'}
        </Typography>
        <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={rail.reload} loading={rail.loading}>
          Refresh
        </Button>
      </Flex>
      {rail.problem ? <ProblemNotice problem={rail.problem} what="The Latest rail" /> : null}
      {rail.loading && !rail.data ? <Loader>Loading the rail…</Loader> : null}
      {rail.data && rail.data.cards.length === 0 ? (
        <Typography textColor="neutral600">The rail is empty: no article is published yet.</Typography>
      ) : null}
      <Flex direction="column" alignItems="stretch" gap={2} tag="ol" data-testid="rail">
        {rail.data?.cards.map((card) => (
          <li key={`${card.position}-${card.text}`}>
            <Card card={card} />
          </li>
        ))}
      </Flex>
    </Flex>
  );
}
