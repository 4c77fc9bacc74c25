import * as React from 'react';
import { Button, Checkbox, Flex, Link, Loader, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { articleEditPath, describeProblem, formatDateTime, useNewsroomResource, type MergeEntry } from '../api';
import { ConfirmDialog } from './ConfirmDialog';
import { ProblemNotice } from './ProblemNotice';
import { HeaderRow } from './HeaderRow';

/** What a row of the merge log did to the stored article, in a few words. */
export const describeMerge = (merge: MergeEntry): string => {
  if (merge.action === 'split') return `split out by ${merge.decidedBy ?? 'an editor'}`;
  if (merge.splitInto) return 'merged, then split out';
  return merge.changed ? 'added to it' : 'nothing new';
};

/** What POST /newsroom/merges/:id/split answers. */
interface SplitAnswer {
  documentId: string;
  title: string;
  status: 'draft' | 'published';
}

/** Asks before a merged copy is split out, and whether its new article is published at once. */
function ConfirmSplit({ merge, onCancel, onConfirm }: { merge: MergeEntry; onCancel: () => void; onConfirm: (publish: boolean) => void }) {
  const [publish, setPublish] = React.useState(true);
  return (
    <ConfirmDialog title="Split this copy out?" confirmLabel="Split out" onCancel={onCancel} onConfirm={() => onConfirm(publish)}>
      <Typography>
        {`The copy read from ${merge.source} becomes an article of its own, with its body, source and card. “${merge.title}” gets back what the copy replaced, and the same copy will not merge into it again.`}
      </Typography>
      <Checkbox checked={publish} onCheckedChange={(value: boolean | 'indeterminate') => setPublish(value === true)}>
        Publish the new article
      </Checkbox>
    </ConfirmDialog>
  );
}

/**
 * The newest merges: which scraped source was folded into which stored article. An editor who can
 * curate splits a wrong merge back out (after confirming), and the row links to the new article.
 */
export function MergesPanel({ canSplit }: { canSplit: boolean }) {
  const merges = useNewsroomResource<MergeEntry[]>('/newsroom/merges?limit=50');
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [confirming, setConfirming] = React.useState<MergeEntry | null>(null);

  const split = async (merge: MergeEntry, publish: boolean) => {
    setConfirming(null);
    try {
      const { data } = await post<{ data: SplitAnswer }>(`/newsroom/merges/${merge.id}/split`, { publish });
      toggleNotification({ type: 'success', message: `Split out as its own article (${data.data.status}): ${data.data.title}` });
    } catch (error) {
      toggleNotification({ type: 'danger', message: describeProblem(error).message });
    }
    merges.reload();
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex justifyContent="space-between">
        <Typography textColor="neutral600">Each row is a source that turned out to be a copy of a story already stored.</Typography>
        <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={merges.reload} loading={merges.loading}>
          Refresh
        </Button>
      </Flex>
      {merges.problem ? <ProblemNotice problem={merges.problem} what="The merge log" /> : null}
      {merges.loading && !merges.data ? <Loader>Loading merges…</Loader> : null}
      {merges.data && merges.data.length === 0 ? <Typography textColor="neutral600">No merges yet.</Typography> : null}
      {merges.data && merges.data.length > 0 ? (
        <Table colCount={5} rowCount={merges.data.length + 1}>
          <HeaderRow labels={['When', 'Source', 'Merged into', 'Changed', '']} />
          <Tbody>
            {merges.data.map((merge) => (
              <Tr key={merge.id} data-testid="merge-row" data-action={merge.action}>
                <Td>
                  <Typography>{formatDateTime(merge.at)}</Typography>
                </Td>
                <Td>
                  <Typography>{merge.source}</Typography>
                </Td>
                <Td>
                  <Link tag={NavLink} to={articleEditPath(merge.documentId)}>
                    {merge.title}
                  </Link>
                </Td>
                <Td>
                  <Typography>{describeMerge(merge)}</Typography>
                </Td>
                <Td>
                  {merge.splitInto ? (
                    <Link tag={NavLink} to={articleEditPath(merge.splitInto)}>
                      Its own article
                    </Link>
                  ) : canSplit && merge.splittable ? (
                    <Button size="S" variant="secondary" onClick={() => setConfirming(merge)}>
                      Split out
                    </Button>
                  ) : null}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      ) : null}
      {confirming ? <ConfirmSplit merge={confirming} onCancel={() => setConfirming(null)} onConfirm={(publish) => void split(confirming, publish)} /> : null}
    </Flex>
  );
}
