import * as React from 'react';
import { Badge, Button, Flex, Loader, Switch, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { describeProblem, useNewsroomResource, type BoilerplateEntry } from '../api';
import { ProblemNotice } from './ProblemNotice';
import { HeaderRow } from './HeaderRow';

const PAGE_SIZE = 25;

/**
 * The boilerplate ledger: lines seen verbatim across many articles, which the dedupe removes from
 * bodies. "Not boilerplate" keeps a line that only looks repeated (a recurring sign-off, say).
 */
export function BoilerplatePanel({ canEdit }: { canEdit: boolean }) {
  const [page, setPage] = React.useState(1);
  const ledger = useNewsroomResource<BoilerplateEntry[]>(`/newsroom/boilerplate?page=${page}&pageSize=${PAGE_SIZE}`);
  const { put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [saving, setSaving] = React.useState<number | null>(null);
  const total = typeof ledger.meta?.total === 'number' ? ledger.meta.total : 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  const setKeep = async (entry: BoilerplateEntry, keep: boolean) => {
    setSaving(entry.id);
    try {
      await put(`/newsroom/boilerplate/${entry.id}`, { keep });
      ledger.reload();
    } catch (error) {
      toggleNotification({ type: 'danger', message: describeProblem(error).message });
    } finally {
      setSaving(null);
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography textColor="neutral600">
        Lines seen word for word in many articles are treated as site chrome and dropped from bodies. Switch on “Not boilerplate”
        for a line that belongs in the stories.
      </Typography>
      {ledger.problem ? <ProblemNotice problem={ledger.problem} what="The boilerplate ledger" /> : null}
      {ledger.loading && !ledger.data ? <Loader>Loading the ledger…</Loader> : null}
      {ledger.data && ledger.data.length === 0 ? <Typography textColor="neutral600">No repeated lines recorded yet.</Typography> : null}
      {ledger.data && ledger.data.length > 0 ? (
        <Table colCount={4} rowCount={ledger.data.length + 1}>
          <HeaderRow labels={['Line', 'Articles', 'Treated as', 'Not boilerplate']} />
          <Tbody>
            {ledger.data.map((entry) => (
              <Tr key={entry.id} data-testid="boilerplate-row">
                <Td style={{ whiteSpace: 'normal' }}>
                  <Typography>{entry.line}</Typography>
                </Td>
                <Td>
                  <Typography>{entry.count}</Typography>
                </Td>
                <Td>
                  {entry.boilerplate && !entry.keep ? (
                    <Badge backgroundColor="neutral150">boilerplate</Badge>
                  ) : (
                    <Badge backgroundColor="success100" textColor="success700">
                      kept in bodies
                    </Badge>
                  )}
                </Td>
                <Td>
                  <Switch
                    aria-label={`Not boilerplate: ${entry.line}`}
                    checked={entry.keep}
                    disabled={!canEdit || saving === entry.id}
                    onCheckedChange={(checked: boolean) => void setKeep(entry, checked)}
                  />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      ) : null}
      {total > PAGE_SIZE ? (
        <Flex gap={2} justifyContent="flex-end">
          <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Previous
          </Button>
          <Typography variant="pi">
            Page {page} of {pages}
          </Typography>
          <Button variant="tertiary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Next
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
}
