import * as React from 'react';
import { Badge, Box, Button, Field, Flex, Link, Loader, NumberInput, Table, Tbody, Td, TextInput, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { articleEditPath, describeProblem, formatDateTime, useNewsroomResource, type RailCard, type RailCurationEntry, type RailView } from '../api';
import { ConfirmDialog } from './ConfirmDialog';
import { HeaderRow } from './HeaderRow';
import { ProblemNotice } from './ProblemNotice';

const RAIL_URL = '/newsroom/rail?limit=20';
const MAX_POSITION = 100;

/** What a curation request is about: the card's article, or the teaser behind a card of its own. */
type Target = { article: string } | { teaser: string };

/** One decision the editor is about to confirm. */
interface Pending {
  target: Target;
  label: string;
  action: 'pin' | 'hide' | 'clear';
}

function targetOf(card: RailCard, teasers: Record<string, string>): Target | null {
  if (card.article) return { article: card.article.documentId };
  const teaser = teasers[card.text];
  return teaser ? { teaser } : null;
}

const sameTarget = (entry: RailCurationEntry, target: Target) =>
  'article' in target
    ? entry.target.type === 'article' && entry.target.documentId === target.article
    : entry.target.type === 'teaser' && entry.target.documentId === target.teaser;

function Card({
  card,
  pinned,
  actions,
}: {
  card: RailCard;
  pinned: RailCurationEntry | undefined;
  actions: React.ReactNode;
}) {
  return (
    <Box
      data-testid="rail-card"
      data-kind={card.kind}
      data-pinned={pinned ? 'true' : undefined}
      padding={4}
      hasRadius
      background={card.kind === 'sponsored' ? 'warning100' : 'neutral0'}
      borderColor={pinned ? 'primary600' : card.kind === 'sponsored' ? 'warning200' : 'neutral150'}
      shadow="tableShadow"
    >
      <Flex gap={3} alignItems="flex-start">
        <Typography variant="sigma" textColor="neutral600" tag="span">
          {card.position}
        </Typography>
        <Flex direction="column" alignItems="flex-start" gap={2} flex={1}>
          <Flex gap={2}>
            {card.kind === 'sponsored' ? (
              <Badge backgroundColor="warning100" textColor="warning700" borderColor="warning200">
                {card.sponsor ? `Sponsored · ${card.sponsor}` : 'Sponsored'}
              </Badge>
            ) : null}
            {pinned ? (
              <Badge backgroundColor="primary100" textColor="primary700" data-testid="rail-card-pinned">
                {pinned.until ? `Pinned to ${pinned.position} until ${formatDateTime(pinned.until)}` : `Pinned to ${pinned.position}`}
              </Badge>
            ) : null}
          </Flex>
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
        {actions}
      </Flex>
    </Box>
  );
}

/** Asks before a pin, hide or clear takes effect; a pin asks for its position and an optional end. */
function ConfirmCuration({ pending, onCancel, onConfirm }: { pending: Pending; onCancel: () => void; onConfirm: (extra: { position?: number; until?: string }) => void }) {
  const [position, setPosition] = React.useState<number | undefined>(1);
  const [until, setUntil] = React.useState('');
  const verb = { pin: 'Pin', hide: 'Hide', clear: 'Clear' }[pending.action];
  const explanation = {
    pin: 'The card takes this position in the rail for every reader; sponsored slots keep theirs.',
    hide: 'The card leaves the rail for every reader. The article stays published.',
    clear: 'The rail is assembled for this card as it would be without an editor’s decision.',
  }[pending.action];
  return (
    <ConfirmDialog
      title={`${verb} this card?`}
      confirmLabel={verb}
      danger={pending.action === 'hide'}
      onCancel={onCancel}
      onConfirm={() => onConfirm(pending.action === 'pin' ? { position, until: until ? new Date(until).toISOString() : undefined } : {})}
    >
      <Typography fontWeight="semiBold">{pending.label}</Typography>
      <Typography textColor="neutral600">{explanation}</Typography>
      {pending.action === 'pin' ? (
        <>
          <Field.Root name="position" required hint={`1 is the top; at most ${MAX_POSITION}.`}>
            <Field.Label>Position</Field.Label>
            <NumberInput aria-label="Position" value={position} onValueChange={(value: number | undefined) => setPosition(value)} />
            <Field.Hint />
          </Field.Root>
          <Field.Root name="until" hint="Empty: until an editor clears it.">
            <Field.Label>Until (optional)</Field.Label>
            <TextInput
              aria-label="Pinned until"
              type="datetime-local"
              value={until}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => setUntil(event.target.value)}
            />
            <Field.Hint />
          </Field.Root>
        </>
      ) : null}
    </ConfirmDialog>
  );
}

/**
 * The Latest rail exactly as readers get it from GET /api/latest-rail, with the editor's say over
 * it: pin a card to a position (for a time), hide it, or clear either; the rail shown is the one
 * the server answers after the change.
 */
export function RailPanel({ canCurate }: { canCurate: boolean }) {
  const rail = useNewsroomResource<RailView>(RAIL_URL);
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [pending, setPending] = React.useState<Pending | null>(null);
  const curation = (rail.meta?.curation ?? []) as RailCurationEntry[];
  const teasers = (rail.meta?.teasers ?? {}) as Record<string, string>;

  const confirm = async (extra: { position?: number; until?: string }) => {
    if (!pending) return;
    const { target, action, label } = pending;
    setPending(null);
    try {
      await post(RAIL_URL.replace('/rail?', '/rail/curation?'), { ...target, action, ...extra });
      const done = { pin: `Pinned to position ${extra.position ?? ''}`, hide: 'Hidden from the rail', clear: 'Back to the rail’s own order' }[action];
      toggleNotification({ type: 'success', message: `${done}: ${label}` });
    } catch (error) {
      toggleNotification({ type: 'danger', message: describeProblem(error).message });
    }
    rail.reload();
  };

  const cardActions = (card: RailCard) => {
    const target = canCurate ? targetOf(card, teasers) : null;
    if (target === null) return null;
    const decided = curation.find((entry) => sameTarget(entry, target));
    const ask = (action: Pending['action']) => setPending({ target, action, label: card.text });
    return (
      <Flex gap={2}>
        <Button size="S" variant="secondary" onClick={() => ask('pin')}>
          {decided ? 'Move' : 'Pin'}
        </Button>
        <Button size="S" variant="danger-light" onClick={() => ask('hide')}>
          Hide
        </Button>
        {decided ? (
          <Button size="S" variant="tertiary" onClick={() => ask('clear')}>
            Unpin
          </Button>
        ) : null}
      </Flex>
    );
  };

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
        {rail.data?.cards.map((card) => {
          const target = targetOf(card, teasers);
          const pinned = target ? curation.find((entry) => entry.action === 'pin' && sameTarget(entry, target)) : undefined;
          return (
            <li key={`${card.position}-${card.text}`}>
              <Card card={card} pinned={pinned} actions={cardActions(card)} />
            </li>
          );
        })}
      </Flex>
      <Typography variant="delta" tag="h2">
        Pinned and hidden
      </Typography>
      {curation.length === 0 ? (
        <Typography textColor="neutral600">No card is pinned or hidden: the rail follows publication.</Typography>
      ) : (
        <Table colCount={5} rowCount={curation.length + 1}>
          <HeaderRow labels={['Card', 'Decision', 'By', 'Since', '']} />
          <Tbody>
            {curation.map((entry) => {
              const target: Target = entry.target.type === 'article' ? { article: entry.target.documentId } : { teaser: entry.target.documentId };
              const label = entry.target.label ?? entry.target.documentId;
              return (
                <Tr key={`${entry.target.type}-${entry.target.documentId}`} data-testid="curation-row">
                  <Td style={{ whiteSpace: 'normal' }}>
                    <Typography>{label}</Typography>
                  </Td>
                  <Td>
                    <Typography>
                      {entry.action === 'hide'
                        ? 'Hidden'
                        : `Pinned to ${entry.position}${entry.until ? ` until ${formatDateTime(entry.until)}` : ''}`}
                    </Typography>
                  </Td>
                  <Td>
                    <Typography>{entry.decidedBy}</Typography>
                  </Td>
                  <Td>
                    <Typography>{formatDateTime(entry.decidedAt)}</Typography>
                  </Td>
                  <Td>
                    {canCurate ? (
                      <Button size="S" variant="tertiary" onClick={() => setPending({ target, action: 'clear', label })}>
                        {entry.action === 'hide' ? 'Unhide' : 'Unpin'}
                      </Button>
                    ) : null}
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
      {pending ? <ConfirmCuration pending={pending} onCancel={() => setPending(null)} onConfirm={(extra) => void confirm(extra)} /> : null}
    </Flex>
  );
}
