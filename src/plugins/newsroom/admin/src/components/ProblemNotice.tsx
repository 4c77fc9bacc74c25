import { Alert, Box } from '@strapi/design-system';
import type { RequestProblem } from '../api';

/** A failed load, with the server's message. */
export function ProblemNotice({ problem, what }: { problem: RequestProblem; what: string }) {
  return (
    <Box paddingBottom={4}>
      <Alert variant="danger" closeLabel="Close" title={`${what} could not be loaded`}>
        {problem.message}
      </Alert>
    </Box>
  );
}
