import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  Field,
  Flex,
  IconButton,
  Loader,
  Switch,
  Table,
  Tbody,
  Td,
  TextInput,
  Tr,
  Typography,
} from '@strapi/design-system';
import { ArrowClockwise, Check, Cross, Pencil, Plus, Trash } from '@strapi/icons';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { describeProblem, formatDateTime, useNewsroomResource, type WebhookDelivery, type WebhookTarget } from '../api';
import { ProblemNotice } from './ProblemNotice';
import { HeaderRow } from './HeaderRow';

const DELIVERY_BADGE: Record<string, { background: string; text: string }> = {
  delivered: { background: 'success100', text: 'success700' },
  failed: { background: 'danger100', text: 'danger700' },
  pending: { background: 'warning100', text: 'warning700' },
  cancelled: { background: 'neutral150', text: 'neutral700' },
};

/** Runs a change, tells the editor when it fails, and reloads what it changed. */
function useChange(after: () => void) {
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = React.useState<string | null>(null);
  const run = async (key: string, change: () => Promise<unknown>, done?: string) => {
    setBusy(key);
    try {
      await change();
      if (done) toggleNotification({ type: 'success', message: done });
      after();
    } catch (error) {
      toggleNotification({ type: 'danger', message: describeProblem(error).message });
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}

function TargetRow({ target, canEdit, onChanged }: { target: WebhookTarget; canEdit: boolean; onChanged: () => void }) {
  const { put, del } = useFetchClient();
  const { busy, run } = useChange(onChanged);
  const [editing, setEditing] = React.useState(false);
  const [url, setUrl] = React.useState(target.url);
  const path = `/newsroom/webhooks/targets/${encodeURIComponent(String(target.id))}`;

  return (
    <Tr data-testid="webhook-target">
      <Td style={{ whiteSpace: 'normal' }}>
        {editing ? (
          <TextInput aria-label="Target URL" value={url} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setUrl(event.target.value)} />
        ) : (
          <>
            <Typography>{target.url}</Typography>
            {!target.enabled && target.disabledReason ? (
              <Typography variant="pi" textColor="neutral500" tag="div">
                Disabled: {target.disabledReason}
              </Typography>
            ) : null}
          </>
        )}
      </Td>
      <Td>
        <Switch
          aria-label={`Enabled: ${target.url}`}
          checked={target.enabled}
          disabled={!canEdit || busy !== null}
          onCheckedChange={(enabled: boolean) => void run('enabled', () => put(path, { url: target.url, enabled }))}
        />
      </Td>
      <Td>
        {canEdit ? (
          <Flex gap={1}>
            {editing ? (
              <>
                <IconButton
                  label="Save"
                  onClick={() =>
                    void run('save', async () => {
                      await put(path, { url, enabled: target.enabled });
                      setEditing(false);
                    })
                  }
                >
                  <Check />
                </IconButton>
                <IconButton
                  label="Cancel"
                  onClick={() => {
                    setUrl(target.url);
                    setEditing(false);
                  }}
                >
                  <Cross />
                </IconButton>
              </>
            ) : (
              <IconButton label="Edit" onClick={() => setEditing(true)}>
                <Pencil />
              </IconButton>
            )}
            <IconButton
              label="Delete"
              onClick={() => {
                if (window.confirm(`Stop sending rebuild webhooks to ${target.url}?`)) void run('delete', () => del(path), 'Target deleted');
              }}
            >
              <Trash />
            </IconButton>
          </Flex>
        ) : null}
      </Td>
    </Tr>
  );
}

function AddTarget({ onAdded }: { onAdded: () => void }) {
  const { post } = useFetchClient();
  const { busy, run } = useChange(onAdded);
  const [url, setUrl] = React.useState('');
  const add = (event: React.FormEvent) => {
    event.preventDefault();
    void run('add', async () => {
      await post('/newsroom/webhooks/targets', { url, enabled: true });
      setUrl('');
    }, 'Target added');
  };
  return (
    <form onSubmit={add}>
      <Flex gap={2} alignItems="flex-end">
        <Box flex={1}>
          <Field.Root name="url">
            <Field.Label>New target URL</Field.Label>
            <TextInput
              placeholder="https://frontend.example/api/rebuild"
              value={url}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => setUrl(event.target.value)}
            />
          </Field.Root>
        </Box>
        <Button type="submit" startIcon={<Plus />} loading={busy === 'add'} disabled={url.trim() === ''}>
          Add target
        </Button>
      </Flex>
    </form>
  );
}

/** Rebuild webhook targets (add, edit, disable, delete) and the deliveries sent to them. */
export function WebhooksPanel({ canEdit }: { canEdit: boolean }) {
  const targets = useNewsroomResource<WebhookTarget[]>('/newsroom/webhooks/targets');
  const deliveries = useNewsroomResource<WebhookDelivery[]>('/newsroom/webhooks/deliveries?limit=50');
  const { post } = useFetchClient();
  const retry = useChange(deliveries.reload);
  // The sequence of the later delivery that carried an undelivered one's changes.
  const carrier = (delivery: WebhookDelivery) =>
    delivery.carriedById === null ? null : (deliveries.data?.find((other) => other.id === delivery.carriedById)?.sequence ?? '…');

  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="delta" tag="h2">
          Targets
        </Typography>
        {targets.problem ? <ProblemNotice problem={targets.problem} what="Rebuild targets" /> : null}
        {targets.loading && !targets.data ? <Loader>Loading targets…</Loader> : null}
        {targets.data && targets.data.length === 0 ? <Typography textColor="neutral600">No targets: nothing is told to rebuild.</Typography> : null}
        {targets.data && targets.data.length > 0 ? (
          <Table colCount={3} rowCount={targets.data.length + 1}>
            <HeaderRow labels={['URL', 'Enabled', 'Actions']} />
            <Tbody>
              {targets.data.map((target) => (
                <TargetRow key={String(target.id)} target={target} canEdit={canEdit} onChanged={targets.reload} />
              ))}
            </Tbody>
          </Table>
        ) : null}
        {canEdit ? <AddTarget onAdded={targets.reload} /> : null}
      </Flex>

      <Flex direction="column" alignItems="stretch" gap={3}>
        <Flex justifyContent="space-between">
          <Typography variant="delta" tag="h2">
            Deliveries
          </Typography>
          <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={deliveries.reload} loading={deliveries.loading}>
            Refresh
          </Button>
        </Flex>
        {deliveries.problem ? <ProblemNotice problem={deliveries.problem} what="Webhook deliveries" /> : null}
        {deliveries.data && deliveries.data.length === 0 ? <Typography textColor="neutral600">No deliveries yet.</Typography> : null}
        {deliveries.data && deliveries.data.length > 0 ? (
          <Table colCount={6} rowCount={deliveries.data.length + 1}>
            <HeaderRow labels={['Delivery', 'Target', 'Status', 'Attempts', 'Last error', 'Retry']} />
            <Tbody>
              {deliveries.data.map((delivery) => {
                const badge = DELIVERY_BADGE[delivery.status] ?? { background: 'neutral150', text: 'neutral700' };
                return (
                  <Tr key={String(delivery.id)} data-testid="webhook-delivery">
                    <Td>
                      <Typography variant="pi">#{delivery.sequence ?? '—'}</Typography>
                      {delivery.resync ? (
                        <Typography variant="pi" textColor="warning600" tag="div">
                          rebuild everything
                        </Typography>
                      ) : null}
                      <Typography variant="pi" textColor="neutral500" tag="div">
                        {formatDateTime(delivery.deliveredAt ?? delivery.createdAt)}
                      </Typography>
                    </Td>
                    <Td style={{ whiteSpace: 'normal' }}>
                      <Typography>{delivery.targetUrl}</Typography>
                    </Td>
                    <Td>
                      <Badge backgroundColor={badge.background} textColor={badge.text}>
                        {delivery.status}
                      </Badge>
                      {carrier(delivery) ? (
                        <Typography variant="pi" textColor="neutral600" tag="div" data-testid="webhook-delivery-carried">
                          sent again with #{carrier(delivery)}
                        </Typography>
                      ) : null}
                    </Td>
                    <Td>
                      <Typography>{delivery.attempts}</Typography>
                    </Td>
                    <Td style={{ whiteSpace: 'normal' }}>
                      <Typography textColor={delivery.lastError ? 'danger600' : 'neutral500'}>{delivery.lastError ?? '—'}</Typography>
                      {delivery.status === 'pending' && delivery.nextAttemptAt ? (
                        <Typography variant="pi" textColor="neutral500" tag="div">
                          Next attempt {formatDateTime(delivery.nextAttemptAt)}
                        </Typography>
                      ) : null}
                    </Td>
                    <Td>
                      {canEdit && delivery.status !== 'delivered' && delivery.carriedById === null ? (
                        <Button
                          variant="secondary"
                          size="S"
                          loading={retry.busy === String(delivery.id)}
                          onClick={() =>
                            void retry.run(
                              String(delivery.id),
                              () => post(`/newsroom/webhooks/deliveries/${encodeURIComponent(String(delivery.id))}/retry`),
                              'Delivery sent again'
                            )
                          }
                        >
                          Retry now
                        </Button>
                      ) : null}
                    </Td>
                  </Tr>
                );
              })}
            </Tbody>
          </Table>
        ) : null}
      </Flex>
    </Flex>
  );
}
