import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  Checkbox,
  Flex,
  Link,
  ProgressBar,
  Table,
  Tbody,
  Td,
  TextButton,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Upload } from '@strapi/icons';
import { useFetchClient } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { articleEditPath, describeProblem, type PageReport } from '../api';
import { HeaderRow } from './HeaderRow';

const STATUS_BADGE: Record<PageReport['status'], { background: string; text: string }> = {
  created: { background: 'success100', text: 'success700' },
  merged: { background: 'primary100', text: 'primary700' },
  failed: { background: 'danger100', text: 'danger700' },
};

function ReportDetails({ report }: { report: PageReport }) {
  return (
    <Flex direction="column" alignItems="stretch" gap={3} padding={2}>
      {report.error ? <Typography textColor="danger600">{report.error}</Typography> : null}
      {report.warnings.length > 0 ? (
        <Box>
          <Typography variant="sigma">Warnings</Typography>
          <ul>
            {report.warnings.map((warning, index) => (
              <li key={index}>
                <Typography variant="pi">{warning}</Typography>
              </li>
            ))}
          </ul>
        </Box>
      ) : null}
      {report.chrome.length > 0 ? (
        <Box>
          <Typography variant="sigma">Chrome lines dropped</Typography>
          <ul>
            {report.chrome.map((chrome, index) => (
              <li key={index}>
                <Typography variant="pi">
                  “{chrome.line}” <Typography textColor="neutral500">({chrome.reason})</Typography>
                </Typography>
              </li>
            ))}
          </ul>
        </Box>
      ) : null}
    </Flex>
  );
}

function ReportRow({ report }: { report: PageReport }) {
  const [open, setOpen] = React.useState(false);
  const badge = STATUS_BADGE[report.status];
  const hasDetails = Boolean(report.error) || report.warnings.length > 0 || report.chrome.length > 0;
  return (
    <>
      <Tr data-testid="ingest-report" data-status={report.status}>
        <Td>
          <Typography fontWeight="semiBold">{report.source}</Typography>
        </Td>
        <Td>
          <Badge backgroundColor={badge.background} textColor={badge.text}>
            {report.status}
          </Badge>
        </Td>
        <Td>
          {report.article?.documentId ? (
            <Link tag={NavLink} to={articleEditPath(report.article.documentId)}>
              {report.article.title}
            </Link>
          ) : (
            <Typography textColor="neutral600">{report.article?.title ?? report.error ?? '—'}</Typography>
          )}
        </Td>
        <Td>
          <Typography data-testid="ingest-report-warnings">{report.warnings.length}</Typography>
        </Td>
        <Td>
          <Typography data-testid="ingest-report-chrome">{report.chrome.length}</Typography>
        </Td>
        <Td>
          {hasDetails ? (
            <TextButton onClick={() => setOpen((value) => !value)}>{open ? 'Hide' : 'Show'}</TextButton>
          ) : null}
        </Td>
      </Tr>
      {open ? (
        <Tr>
          <Td colSpan={6}>
            <ReportDetails report={report} />
          </Td>
        </Tr>
      ) : null}
    </>
  );
}

/**
 * Upload of scraped page files: each file is sent on its own to POST /newsroom/ingest, in order,
 * and its report is added to the table as soon as it arrives.
 */
export function IngestPanel({ canIngest }: { canIngest: boolean }) {
  const { post } = useFetchClient();
  const input = React.useRef<HTMLInputElement>(null);
  const [publish, setPublish] = React.useState(false);
  const [progress, setProgress] = React.useState<{ done: number; total: number } | null>(null);
  const [reports, setReports] = React.useState<PageReport[]>([]);
  const running = progress !== null && progress.done < progress.total;

  const upload = async (files: File[]) => {
    if (files.length === 0) return;
    setReports([]);
    setProgress({ done: 0, total: files.length });
    // One upload is one import on the home page's activity (crypto.randomUUID needs https).
    const batch = `upload-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    for (const [index, file] of files.entries()) {
      let report: PageReport;
      try {
        const text = await file.text();
        const { data } = await post<{ data: PageReport }>('/newsroom/ingest', { text, source: file.name, publish, batch });
        report = data.data;
      } catch (error) {
        report = { source: file.name, status: 'failed', error: describeProblem(error).message, warnings: [], article: null, chrome: [] };
      }
      setReports((previous) => [...previous, report]);
      setProgress({ done: index + 1, total: files.length });
    }
  };

  const onFiles = (event: React.ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    // Clear the input so choosing the same files again uploads them again.
    event.target.value = '';
    void upload(files);
  };

  const counts = reports.reduce(
    (sum, report) => ({ ...sum, [report.status]: sum[report.status] + 1 }),
    { created: 0, merged: 0, failed: 0 } as Record<PageReport['status'], number>
  );

  if (!canIngest) {
    return <Typography textColor="neutral600">Your role may not upload pages (the "Upload pages to ingest" permission).</Typography>;
  }

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography textColor="neutral600">
        Choose scraped page files (plain text). Each is read like the ingest command reads it: a new story is created, a copy of
        a known story is merged into it, and site chrome is dropped.
      </Typography>
      <Flex gap={4}>
        <input
          ref={input}
          type="file"
          accept=".txt,text/plain"
          multiple
          hidden
          data-testid="ingest-files"
          onChange={onFiles}
        />
        <Button startIcon={<Upload />} onClick={() => input.current?.click()} disabled={running}>
          Upload page files
        </Button>
        <Checkbox checked={publish} onCheckedChange={(value: boolean | 'indeterminate') => setPublish(value === true)} disabled={running}>
          Publish the articles
        </Checkbox>
      </Flex>
      {progress ? (
        <Flex direction="column" alignItems="stretch" gap={2} data-testid="ingest-progress">
          <ProgressBar value={progress.total === 0 ? 0 : (progress.done / progress.total) * 100} />
          <Typography variant="pi" textColor="neutral600">
            {progress.done} of {progress.total} {progress.total === 1 ? 'file' : 'files'} read
            {reports.length > 0 ? ` — ${counts.created} created, ${counts.merged} merged, ${counts.failed} failed` : ''}
          </Typography>
        </Flex>
      ) : null}
      {reports.length > 0 ? (
        <Table colCount={6} rowCount={reports.length + 1}>
          <HeaderRow labels={['File', 'Result', 'Article', 'Warnings', 'Chrome lines dropped', 'Details']} />
          <Tbody>
            {reports.map((report, index) => (
              <ReportRow key={`${index}-${report.source}`} report={report} />
            ))}
          </Tbody>
        </Table>
      ) : null}
    </Flex>
  );
}
