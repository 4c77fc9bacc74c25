import { Button, Flex, Link, Loader, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { NavLink } from 'react-router-dom';
import { articleEditPath, formatDateTime, useNewsroomResource, type MergeEntry } from '../api';
import { ProblemNotice } from './ProblemNotice';
import { HeaderRow } from './HeaderRow';

/** What a merge did to the stored article, in a few words. */
export const describeChange = (changed: boolean): string => (changed ? 'added to it' : 'nothing new');

/** The newest merges: which scraped source was folded into which stored article. */
export function MergesPanel() {
  const merges = useNewsroomResource<MergeEntry[]>('/newsroom/merges?limit=50');
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
        <Table colCount={4} rowCount={merges.data.length + 1}>
          <HeaderRow labels={['When', 'Source', 'Merged into', 'Changed']} />
          <Tbody>
            {merges.data.map((merge, index) => (
              <Tr key={`${merge.at}-${index}`} data-testid="merge-row">
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
                  <Typography>{describeChange(merge.changed)}</Typography>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      ) : null}
    </Flex>
  );
}
