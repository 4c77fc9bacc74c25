import type { ReactNode } from 'react';
import { Badge, Flex, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import type { ImportSummary, NewsroomActivity } from '../../../server/src/admin-views';
import type { RebuildTargetHealth } from '../../../server/src/rebuild/target-views';
import { formatDateTime, useNewsroomResource } from '../api';
import { describeMerge } from './MergesPanel';

const ORIGIN_NAMES: Record<ImportSummary['origin'], string> = {
  command: 'Ingest command',
  api: 'Content API',
  admin: 'Upload',
  samples: 'Sample content',
};

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Flex direction="column" alignItems="stretch" gap={1} data-testid={testId}>
      <Typography variant="sigma" textColor="neutral600">
        {title}
      </Typography>
      {children}
    </Flex>
  );
}

function Line({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <Typography variant="pi" data-testid={testId}>
      {children}
    </Typography>
  );
}

function describeImport(entry: ImportSummary): string {
  const counts = [`${entry.created} created`, `${entry.merged} merged`, `${entry.failed} failed`].join(', ');
  return `${ORIGIN_NAMES[entry.origin]} by ${entry.startedBy}, ${formatDateTime(entry.lastPageAt)}: ${entry.pages} page${entry.pages === 1 ? '' : 's'} (${counts})`;
}

function TargetHealth({ health }: { health: RebuildTargetHealth }) {
  const { target, lastDelivery } = health;
  const trouble = !target.enabled ? 'disabled' : health.givenUp > 0 ? `${health.givenUp} given up` : health.retrying > 0 ? `${health.retrying} retrying` : null;
  return (
    <Flex gap={2} data-testid="activity-webhook">
      <Badge backgroundColor={trouble ? 'danger100' : 'success100'} textColor={trouble ? 'danger700' : 'success700'}>
        {trouble ?? 'healthy'}
      </Badge>
      <Typography variant="pi" style={{ wordBreak: 'break-all' }}>
        {new URL(target.url).host}: {lastDelivery ? `last delivery ${lastDelivery.status}, ${formatDateTime(lastDelivery.createdAt)}` : 'nothing sent yet'}
      </Typography>
    </Flex>
  );
}

/**
 * The admin home page's view of what the newsroom has been doing: the last imports, the last
 * merges, the cards still waiting for their story, and whether rebuild webhooks are reaching the
 * frontends. The widget's link opens the Newsroom page, which has the whole of it.
 */
export function ActivityWidget() {
  const activity = useNewsroomResource<NewsroomActivity>('/newsroom/activity');
  if (activity.problem) return <Widget.Error>{`The newsroom activity could not be loaded: ${activity.problem.message}`}</Widget.Error>;
  if (!activity.data) return <Widget.Loading />;
  const { imports, merges, waitingCards, webhooks } = activity.data;
  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="activity-widget">
      <Section title="Last imports" testId="activity-imports">
        {imports.length === 0 ? <Line>No page has been read yet.</Line> : null}
        {imports.map((entry) => (
          <Line key={entry.id} testId="activity-import">
            {describeImport(entry)}
          </Line>
        ))}
      </Section>
      <Section title="Recent merges" testId="activity-merges">
        {merges.length === 0 ? <Line>No copy has been merged yet.</Line> : null}
        {merges.map((merge) => (
          <Line key={merge.id} testId="activity-merge">
            A copy of “{merge.title}”: {describeMerge(merge)}, {formatDateTime(merge.at)}
          </Line>
        ))}
      </Section>
      <Section title="Cards waiting for their story" testId="activity-waiting">
        <Line testId="activity-waiting-count">
          {waitingCards.count === 0 ? 'Every card has its story.' : `${waitingCards.count} card${waitingCards.count === 1 ? '' : 's'} seen on pages whose story has not been read`}
        </Line>
        {waitingCards.newest.map((card) => (
          <Line key={card.documentId}>“{card.text}” (seen {card.timesSeen}×)</Line>
        ))}
      </Section>
      <Section title="Rebuild webhooks" testId="activity-webhooks">
        {webhooks.length === 0 ? <Line>No rebuild target is configured.</Line> : null}
        {webhooks.map((health) => (
          <TargetHealth key={health.target.id} health={health} />
        ))}
      </Section>
    </Flex>
  );
}
